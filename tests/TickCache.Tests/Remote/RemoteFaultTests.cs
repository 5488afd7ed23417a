using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Remote.Http;
using TickCache.Tiers;

namespace TickCache.Tests.Remote;

/// <summary>
/// L3 failures against a real nginx WebDAV server: a connection killed or frozen mid-transfer (through a fault proxy),
/// torn, garbled and foreign objects under the right key, and the breaker opening and closing. Every case must end in
/// a counted miss, the correct data (from the source) in the caller's hands and in L2, and bounded latency.
/// </summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class RemoteFaultTests(L3Servers servers)
{
    private const int RowsPerDay = 150_000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(FaultProxy.Fault.KillAfter)]
    [InlineData(FaultProxy.Fault.FreezeAfter)]
    public async Task ServerKilledOrFrozenMidTransfer_IsAMissWithinTheDeadline_AndTheSourceServesCorrectData(FaultProxy.Fault fault)
    {
        await using var world = await RemoteWorld.StartAsync(days: 2, rowsPerDay: RowsPerDay);
        var prefix = $"fault-{Guid.NewGuid():N}/";
        var (expected, files) = await FillL3Async(world, prefix, RemoteWorld.Days(0, 2));
        await using var proxy = new FaultProxy(new IPEndPoint(IPAddress.Loopback, servers.WebDav.Port));
        using var store = Http(new Uri($"http://127.0.0.1:{proxy.Port}"), prefix);
        var cache = TestData.TempDirectory();
        var remote = new RemoteCacheOptions { Store = store, TimeToFirstByte = TimeSpan.FromMilliseconds(400), PerMebibyte = TimeSpan.FromMilliseconds(100), BreakerFailures = 10, FirstCallTimeout = TimeSpan.Zero };
        await using var client = world.Client(remote, cache, o => o.PrefetchChunks = 1);

        // Mid-transfer: after half of the smaller object (whatever the file format's size), so that no read completes.
        var smallest = files.Values.Min(f => new FileInfo(f).Length);
        Assert.True(smallest > 4096, $"the objects ({smallest} bytes) are too small to cut mid-transfer");
        proxy.Arm(fault, afterBytes: smallest / 2);
        var rows = await RemoteWorld.ReadAsync(client, RemoteWorld.Days(0, 2)).WaitAsync(Bound);

        await client.FlushRemoteWritesAsync().WaitAsync(Bound);

        Assert.Equal(expected, rows);
        var stats = client.GetStatistics();
        Assert.Equal(0, stats.RemoteHits);
        Assert.Equal(0, stats.RemoteRejected);
        Assert.Equal(4, stats.RemoteErrors); // two reads, and the two write-backs (HEAD) through the same broken wire
        Assert.Equal(0, stats.RemoteWrites);
        Assert.Equal(2, stats.SourceFetches);
        await AssertSameL2Async(files, cache);

        // Each frozen read costs at most its deadline (400 ms + 100 ms per MiB): the four RemoteErrors above are those
        // deadlines; the time itself is not asserted (noise on shared machines).
    }

    [Theory]
    [InlineData("torn")]
    [InlineData("garbage")]
    [InlineData("another chunk's object")]
    [InlineData("another chunk's Parquet under a forged header")]
    public async Task BadObjectUnderTheRightKey_IsRejected_NeverReachesL2_TheSourceServesCorrectData_AndL3IsHealed(string damage)
    {
        await using var world = await RemoteWorld.StartAsync(days: 2, rowsPerDay: 20_000);
        var prefix = $"bad-{Guid.NewGuid():N}/";
        var (expected, files) = await FillL3Async(world, prefix, RemoteWorld.Days(0, 2));
        using var store = Http(servers.WebDav, prefix);
        var day0 = Key(0);
        var good = (await RemoteStoreContract.ReadAllAsync(store, RemoteTier.ObjectKey(day0)))!;
        var other = (await RemoteStoreContract.ReadAllAsync(store, RemoteTier.ObjectKey(Key(1))))!;
        var victim = $"victim-{Guid.NewGuid():N}/";
        using var victimStore = Http(servers.WebDav, victim);
        var bad = damage switch
        {
            "torn" => good[..(good.Length / 2)],
            "garbage" => RemoteStoreContract.RandomBytes(good.Length, 7),
            "another chunk's object" => other,
            _ => Forge(other, day0),
        };
        Assert.True(await victimStore.PutIfAbsentAsync(RemoteTier.ObjectKey(day0), bad, CancellationToken.None));

        var cache = TestData.TempDirectory();
        await using var client = world.Client(RemoteWorld.Patient(victimStore), cache);
        var rows = await RemoteWorld.ReadAsync(client, RemoteWorld.Days(0, 1)).WaitAsync(Bound);

        Assert.Equal(expected.Where(r => r.Timestamp < UnixMicros.From(RemoteWorld.FirstDay.AddDays(1))), rows);
        var stats = client.GetStatistics();
        Assert.Equal(1, stats.RemoteRejected);
        Assert.Equal(0, stats.RemoteHits);
        Assert.Equal(0, stats.RemoteErrors);
        Assert.Equal(1, stats.SourceFetches);
        var file = Assert.Single(Directory.GetFiles(cache, "*.parquet", SearchOption.AllDirectories));
        Assert.Equal(await File.ReadAllBytesAsync(files[Path.GetRelativePath(cache, file)]), await File.ReadAllBytesAsync(file));

        // Healed: the bad object was deleted and the download's write-back stored the good one in its place.
        await client.FlushRemoteWritesAsync().WaitAsync(Bound);
        Assert.Equal(1, client.GetStatistics().RemoteWrites);
        Assert.Equal(good, await RemoteStoreContract.ReadAllAsync(victimStore, RemoteTier.ObjectKey(day0)));
    }

    [Fact]
    public async Task Breaker_OpensAfterFailuresInARow_SkipsL3_ThenAProbeClosesIt()
    {
        await using var world = await RemoteWorld.StartAsync(days: 4, rowsPerDay: 2_000);
        await using var proxy = new FaultProxy(new IPEndPoint(IPAddress.Loopback, servers.WebDav.Port));
        var prefix = $"breaker-{Guid.NewGuid():N}/";
        using var store = Http(new Uri($"http://127.0.0.1:{proxy.Port}"), prefix);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var remote = new RemoteCacheOptions { Store = store, BreakerFailures = 2, BreakDuration = TimeSpan.FromSeconds(30), FirstCallTimeout = TimeSpan.Zero };
        await using var client = world.Client(remote, configure: o =>
        {
            o.TimeProvider = time;
            o.PrefetchChunks = 1;
        });

        proxy.Arm(FaultProxy.Fault.Refuse);
        await RemoteWorld.ReadAsync(client, RemoteWorld.Days(0, 1)).WaitAsync(Bound);
        await client.FlushRemoteWritesAsync().WaitAsync(Bound);
        var opened = client.GetStatistics();
        Assert.Equal((2, 1, 0), (opened.RemoteErrors, opened.RemoteBreakerOpenings, opened.RemoteSkipped));

        await RemoteWorld.ReadAsync(client, RemoteWorld.Days(1, 1)).WaitAsync(Bound);
        await client.FlushRemoteWritesAsync().WaitAsync(Bound);
        var open = client.GetStatistics();
        Assert.Equal((2, 1, 2), (open.RemoteErrors, open.RemoteBreakerOpenings, open.RemoteSkipped));

        proxy.Arm(FaultProxy.Fault.Pass);
        time.Advance(TimeSpan.FromSeconds(31));
        await RemoteWorld.ReadAsync(client, RemoteWorld.Days(2, 1)).WaitAsync(Bound);
        await client.FlushRemoteWritesAsync().WaitAsync(Bound);
        var closed = client.GetStatistics();
        Assert.Equal((2, 1, 2, 1, 1), (closed.RemoteErrors, closed.RemoteBreakerOpenings, closed.RemoteSkipped, closed.RemoteMisses, closed.RemoteWrites));
        Assert.True(await store.ExistsAsync(RemoteTier.ObjectKey(Key(2)), CancellationToken.None));
        Assert.False(await store.ExistsAsync(RemoteTier.ObjectKey(Key(1)), CancellationToken.None));
    }

    internal static ChunkKey Key(int day) =>
        new(TickSources.TardisDatasets, RemoteWorld.Exchange, TardisDataTypes.Trades, RemoteWorld.Symbol, RemoteWorld.FirstDay.AddDays(day), TimeSpan.FromDays(1));

    /// <summary>A worker with L3 under <paramref name="prefix"/> reads the query: L3 filled, the rows and L2 files returned.</summary>
    private async Task<(List<(long Timestamp, double Price, double Amount)> Rows, Dictionary<string, string> Files)> FillL3Async(RemoteWorld world, string prefix, TickQuery query)
    {
        using var store = Http(servers.WebDav, prefix);
        var cache = TestData.TempDirectory();
        await using var client = world.Client(RemoteWorld.Patient(store), cache);
        var rows = await RemoteWorld.ReadAsync(client, query).WaitAsync(Bound);
        await client.FlushRemoteWritesAsync().WaitAsync(Bound);
        Assert.Equal(query.ToUtc.Subtract(query.FromUtc).Days, client.GetStatistics().RemoteWrites);
        var files = Directory.GetFiles(cache, "*.parquet", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(cache, f));
        return (rows, files);
    }

    private static async Task AssertSameL2Async(Dictionary<string, string> expected, string cache)
    {
        var actual = Directory.GetFiles(cache, "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(expected.Count, actual.Length);
        foreach (var file in actual)
        {
            Assert.Equal(await File.ReadAllBytesAsync(expected[Path.GetRelativePath(cache, file)]), await File.ReadAllBytesAsync(file));
        }
    }

    private static HttpRemoteStore Http(Uri baseAddress, string prefix) =>
        new(new HttpRemoteStoreOptions { BaseAddress = baseAddress, KeyPrefix = prefix });

    /// <summary>Another chunk's valid Parquet behind a header that claims <paramref name="key"/> (length and hash made to match).</summary>
    private static byte[] Forge(byte[] otherEnvelope, ChunkKey key)
    {
        var forged = (byte[])otherEnvelope.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(forged.AsSpan(8), key.Hash);
        BinaryPrimitives.WriteUInt64LittleEndian(forged.AsSpan(24), XxHash.Of(forged.AsSpan(RemoteEnvelope.HeaderLength)));
        return forged;
    }
}
