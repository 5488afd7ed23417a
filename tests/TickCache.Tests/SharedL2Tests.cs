using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Planning;
using TickCache.Sources;
using TickCache.Telemetry;
using TickCache.Tests.Remote;
using TickCache.Tiers;
using Xunit.Abstractions;

namespace TickCache.Tests;

/// <summary>
/// Processes sharing one L2 folder share downloads: four worker processes started together with overlapping ranges
/// make exactly one upstream request per distinct chunk; the chunk lock is an OS lock that a dead holder does not keep;
/// a dead writer's temp file is removed, a live one's never.
/// </summary>
public sealed partial class SharedL2Tests(ITestOutputHelper output)
{
    private const int Days = 6;
    private const int RowsPerDay = 60_000;
    private static readonly (int First, int Count)[] Ranges = [(0, 4), (1, 4), (2, 4), (0, 6)];

    [Fact]
    public async Task FourProcesses_OneL2Folder_OneUpstreamRequestPerDistinctChunk()
    {
        await using var world = await RemoteWorld.StartAsync(Days, RowsPerDay);
        var cache = TestData.TempDirectory();
        var texts = await WorkerFleet.RunAsync(Ranges.Select(r => (Func<string, string>)(go => string.Join(' ',
            world.Emulator.BaseAddress, cache, "none", "-", false, RemoteWorld.Exchange, RemoteWorld.Symbol, Day(r.First), Day(r.First + r.Count), go))));

        var fetches = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            output.WriteLine($"worker {i} {Ranges[i]}: {texts[i].Trim()}");
            var match = Summary().Match(texts[i]);
            Assert.True(match.Success, texts[i]);
            Assert.Equal(Ranges[i].Count * RowsPerDay, long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture));
            fetches += int.Parse(match.Groups["fetches"].Value, CultureInfo.InvariantCulture);
        }

        Assert.Equal(Days, world.Emulator.DatasetRequests);
        Assert.Equal(Days, fetches);
        Assert.Equal(Days, Directory.GetFiles(cache, "*.parquet", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(cache, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(cache, "*.lock", SearchOption.AllDirectories));
    }

    [Fact]
    public void ChunkLock_OneHolderAtATime_FreeAgainWhenReleased()
    {
        var disk = new DiskTier(TestData.TempDirectory(), NullLogger.Instance, new CacheCounters(), TimeProvider.System);
        var locks = new DiskLock(disk, NullLogger.Instance);
        var key = Key();

        var (first, held) = locks.TryTake(key);
        var (second, none) = locks.TryTake(key);
        held!.Dispose();
        var (third, again) = locks.TryTake(key);
        again!.Dispose();

        Assert.Equal((LockState.Taken, LockState.Busy, LockState.Taken), (first, second, third));
        Assert.Null(none);
    }

    [Fact]
    public async Task ChunkLock_HeldByAProcessThatDies_IsTakenAtOnce()
    {
        var root = TestData.TempDirectory();
        var disk = new DiskTier(root, NullLogger.Instance, new CacheCounters(), TimeProvider.System);
        var lockFile = disk.PathOf(Key()) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        // flock(1) takes the same OS lock, then (same process, same file descriptor) says so and waits.
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--exclusive", "--no-fork", lockFile, "sh", "-c", "echo locked; exec sleep 600"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        var locks = new DiskLock(disk, NullLogger.Instance);
        var (busy, none) = locks.TryTake(Key());
        none?.Dispose();

        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        var (after, taken) = locks.TryTake(Key());
        taken?.Dispose();

        Assert.Equal(LockState.Busy, busy);
        Assert.Equal(LockState.Taken, after);
    }

    [Fact]
    public async Task StaleTemps_OfDeadWriters_Removed_LiveOnesKept()
    {
        var root = TestData.TempDirectory();
        var disk = new DiskTier(root, NullLogger.Instance, new CacheCounters(), TimeProvider.System);
        var path = disk.PathOf(Key());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (live, dead) = await WritersAsync();
        using var _ = live;
        string Temp(int pid) => Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{pid}.{Guid.NewGuid():N}.tmp");
        var mine = Temp(Environment.ProcessId);
        var alive = Temp(live.Id);
        var gone = Temp(dead.Id);
        foreach (var file in new[] { mine, alive, gone })
        {
            await File.WriteAllTextAsync(file, "partial");
        }

        disk.RemoveStaleTemps(Key());
        live.Kill();

        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(alive));
        Assert.False(File.Exists(gone));
        dead.Dispose();
    }

    [Fact]
    public async Task StaleTemps_BesideAMetadataDocument_OfDeadWritersRemovedOnTheNextWrite_LiveOnesKept()
    {
        var root = TestData.TempDirectory();
        var documents = new MetadataDocuments(root, NullLogger.Instance, TimeProvider.System);
        var path = Path.Combine(root, "metadata", "v1", "tardis", "instruments.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (live, dead) = await WritersAsync();
        using var _ = live;
        var alive = $"{Path.GetDirectoryName(path)}/.instruments.json.{live.Id}.{Guid.NewGuid():N}.tmp";
        var gone = $"{Path.GetDirectoryName(path)}/.instruments.json.{dead.Id}.{Guid.NewGuid():N}.tmp";
        var goneEarlierName = $"{path}.{dead.Id}.{Guid.NewGuid():N}.tmp"; // how earlier versions named them
        foreach (var file in new[] { alive, gone, goneEarlierName })
        {
            await File.WriteAllTextAsync(file, "partial");
        }

        await documents.WriteAsync("tardis", "instruments.json", "[1,2]"u8.ToArray(), DateTimeOffset.UnixEpoch, CancellationToken.None);
        live.Kill();

        Assert.True(File.Exists(alive));
        Assert.False(File.Exists(gone));
        Assert.False(File.Exists(goneEarlierName));
        Assert.Equal("[1,2]"u8.ToArray(), (await new MetadataDocuments(root, NullLogger.Instance, TimeProvider.System).ReadAsync("tardis", "instruments.json", CancellationToken.None))!.Body);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp")); // the live writer's; ours left none
        dead.Dispose();
    }

    /// <summary>A running process (a live writer: kill it when done) and one that has exited (a dead writer).</summary>
    private static async Task<(System.Diagnostics.Process Live, System.Diagnostics.Process Dead)> WritersAsync()
    {
        var live = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        var dead = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await dead.WaitForExitAsync();
        return (live, dead);
    }

    private static ChunkKey Key() =>
        new(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1));

    private static string Day(int offset) => RemoteWorld.FirstDay.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"fleet: rows=(?<rows>\d+) amount=\S+ source_fetches=(?<fetches>\d+)")]
    private static partial Regex Summary();
}
