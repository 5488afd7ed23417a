using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace TickCache.Tests.Remote;

/// <summary>
/// A fleet worker killed while it holds a chunk's lease and downloads it (its request held at the emulator): the next
/// worker waits for the lease, takes it over when it goes stale (no heartbeat renews it), downloads the chunk itself
/// and reads exactly the day's rows — it neither waits out <see cref="RemoteCacheOptions.LeaseWait"/> nor reads a
/// half-written object. Real processes, a real Redis.
/// </summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed partial class KilledLeaseHolderTests(L3Servers servers, ITestOutputHelper output)
{
    private const int RowsPerDay = 20_000;
    private const int LeaseMilliseconds = 1_500;

    [Fact]
    public async Task HolderKilledMidDownload_NextWorkerTakesTheStaleLeaseOver_AndDownloadsItself()
    {
        await using var world = await RemoteWorld.StartAsync(1, RowsPerDay);
        var prefix = $"killed-{Guid.NewGuid():N}:";
        var go = Path.Combine(TestData.TempDirectory(), "go");
        var nextGo = Path.Combine(TestData.TempDirectory(), "go-next");
        await File.WriteAllTextAsync(go, "go");
        string Arguments(string goFile) => string.Join(' ', world.Emulator.BaseAddress, TestData.TempDirectory(), servers.Redis, prefix, true, RemoteWorld.Exchange, RemoteWorld.Symbol,
            Day(0), Day(1), goFile, LeaseMilliseconds.ToString(CultureInfo.InvariantCulture));

        world.Emulator.HoldRequests();
        using var holder = ProcessTests.Start("TickCache.FleetWorker.dll", Arguments(go));
        Process next;
        var early = new StringBuilder();
        try
        {
            // The holder has taken the lease and sent its request, which the emulator holds: kill it there.
            for (var waited = 0; world.Emulator.DatasetRequests == 0; waited += 20)
            {
                Assert.True(waited < 60_000 && !holder.HasExited, "the first worker never requested the chunk");
                await Task.Delay(20);
            }

            // The next worker starts up now, held at its own go file: its process start (seconds on a loaded machine)
            // must not pass while the dead holder's lease runs out, or it would find the lease free, not stale.
            next = ProcessTests.Start("TickCache.FleetWorker.dll", Arguments(nextGo));
            while (await next.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) is { } line)
            {
                early.AppendLine(line);
                if (line.StartsWith("ready:", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }

        using var nextProcess = next;
        world.Emulator.ReleaseRequests();
        await File.WriteAllTextAsync(nextGo, "go");
        var text = await next.StandardOutput.ReadToEndAsync() + early + await next.StandardError.ReadToEndAsync();
        await next.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine(text);

        Assert.True(next.ExitCode == 0, text);
        var summary = Summary().Match(text);
        Assert.True(summary.Success, text);
        Assert.Equal((RowsPerDay, 1, 1), (int.Parse(summary.Groups["rows"].Value, CultureInfo.InvariantCulture), int.Parse(summary.Groups["fetches"].Value, CultureInfo.InvariantCulture), int.Parse(summary.Groups["waits"].Value, CultureInfo.InvariantCulture)));
        Assert.Contains("held by another worker; waiting for its object", text, StringComparison.Ordinal);
        Assert.Contains("taken; downloading", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the wait ran out", text, StringComparison.Ordinal);
        Assert.Equal(2, world.Emulator.DatasetRequests); // the dead holder's, then the next worker's
    }

    private static string Day(int offset) => RemoteWorld.FirstDay.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"fleet: rows=(?<rows>\d+) amount=\S+ source_fetches=(?<fetches>\d+) l3_hits=\d+ lease_waits=(?<waits>\d+)")]
    private static partial Regex Summary();
}
