using System.Diagnostics;

namespace TickCache.Tests.Remote;

/// <summary>
/// What every <see cref="IRemoteStore"/> backend must do, run against its real server: absent keys, exact bytes back for
/// small and large objects, put-if-absent, concurrent writers never tearing an object, leases (or a clear "not
/// supported"), and a second worker served from L3 end to end with zero upstream requests.
/// </summary>
public abstract class RemoteStoreContract
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>A store whose keys all start with <paramref name="prefix"/> (isolates tests sharing a server).</summary>
    protected abstract IRemoteStore CreateStore(string prefix);

    /// <summary>Whether concurrent put-if-absent calls are atomic (exactly one wins).</summary>
    protected abstract bool AtomicPutIfAbsent { get; }

    protected static string Prefix() => $"test-{Guid.NewGuid():N}/";

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    internal static async Task<byte[]?> ReadAllAsync(IRemoteStore store, string key)
    {
        var stream = await store.OpenReadAsync(key, CancellationToken.None).WaitAsync(Bound);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy).WaitAsync(Bound);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task MissingKey_ReadsNull_AndDoesNotExist()
    {
        var store = CreateStore(Prefix());

        Assert.Null(await ReadAllAsync(store, "v2/0000000000000000"));
        Assert.False(await store.ExistsAsync("v2/0000000000000000", CancellationToken.None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1 << 20)]
    [InlineData((17 << 20) + 3)]
    public async Task PutIfAbsent_ThenRead_ReturnsTheExactBytes(int length)
    {
        var store = CreateStore(Prefix());
        var content = RandomBytes(length, length);

        Assert.True(await store.PutIfAbsentAsync("v2/aaaa", content, CancellationToken.None));

        Assert.True(await store.ExistsAsync("v2/aaaa", CancellationToken.None));
        Assert.Equal(content, await ReadAllAsync(store, "v2/aaaa"));
    }

    [Fact]
    public async Task Delete_RemovesTheObject_ThenPutIfAbsentWritesAgain_AndDeletingNothingIsFine()
    {
        var remote = CreateStore(Prefix());
        var first = RandomBytes(4096, 11);
        var second = RandomBytes(4096, 12);
        Assert.True(await remote.PutIfAbsentAsync("v2/deleted", first, CancellationToken.None).WaitAsync(Bound));

        await remote.DeleteAsync("v2/deleted", CancellationToken.None).WaitAsync(Bound);

        Assert.False(await remote.ExistsAsync("v2/deleted", CancellationToken.None).WaitAsync(Bound));
        Assert.Null(await ReadAllAsync(remote, "v2/deleted"));
        Assert.True(await remote.PutIfAbsentAsync("v2/deleted", second, CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(second, await ReadAllAsync(remote, "v2/deleted"));
        await remote.DeleteAsync("v2/never-there", CancellationToken.None).WaitAsync(Bound);
    }

    [Fact]
    public async Task EmptyValue_IsAnObjectOfZeroBytes_NotAMissingOne()
    {
        var store = CreateStore(Prefix());

        Assert.True(await store.PutIfAbsentAsync("v2/empty", ReadOnlyMemory<byte>.Empty, CancellationToken.None));

        var read = await ReadAllAsync(store, "v2/empty");
        Assert.NotNull(read);
        Assert.Empty(read);
        Assert.True(await store.ExistsAsync("v2/empty", CancellationToken.None));
    }

    [Fact]
    public async Task EmptyObjectUnderAChunksKey_IsRejectedDeletedAndHealed_TheNextReaderHits()
    {
        await using var world = await RemoteWorld.StartAsync(days: 1, rowsPerDay: 5_000);
        var store = CreateStore(Prefix());
        var key = Tiers.RemoteTier.ObjectKey(RemoteFaultTests.Key(0));
        Assert.True(await store.PutIfAbsentAsync(key, ReadOnlyMemory<byte>.Empty, CancellationToken.None));

        await using (var first = world.Client(RemoteWorld.Patient(store), TestData.TempDirectory()))
        {
            Assert.Equal(5_000, (await RemoteWorld.ReadAsync(first, RemoteWorld.Days(0, 1)).WaitAsync(Bound)).Count);
            await first.FlushRemoteWritesAsync().WaitAsync(Bound);
            var stats = first.GetStatistics();
            Assert.Equal((1, 0, 1, 1), (stats.RemoteRejected, stats.RemoteHits, stats.SourceFetches, stats.RemoteWrites));
        }

        await using var second = world.Client(RemoteWorld.Patient(store), TestData.TempDirectory());
        Assert.Equal(5_000, (await RemoteWorld.ReadAsync(second, RemoteWorld.Days(0, 1)).WaitAsync(Bound)).Count);
        Assert.Equal((1, 0), (second.GetStatistics().RemoteHits, second.GetStatistics().SourceFetches));
    }

    [Fact]
    public async Task PutIfAbsent_Twice_SecondSaysAlreadyThere_AndTheFirstIsKept()
    {
        var store = CreateStore(Prefix());
        var first = RandomBytes(4096, 1);

        Assert.True(await store.PutIfAbsentAsync("v2/bbbb", first, CancellationToken.None));
        Assert.False(await store.PutIfAbsentAsync("v2/bbbb", RandomBytes(4096, 2), CancellationToken.None));

        Assert.Equal(first, await ReadAllAsync(store, "v2/bbbb"));
    }

    [Fact]
    public async Task ConcurrentPutIfAbsent_ReadersOnlyEverSeeOneWholeObject()
    {
        var store = CreateStore(Prefix());
        var contents = Enumerable.Range(0, 6).Select(i => RandomBytes(2 << 20, 100 + i)).ToArray();

        var written = await Task.WhenAll(contents.Select(c => Task.Run(() => store.PutIfAbsentAsync("v2/cccc", c, CancellationToken.None)))).WaitAsync(Bound);

        var stored = await ReadAllAsync(store, "v2/cccc");
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(stored));
        if (AtomicPutIfAbsent)
        {
            Assert.Equal(1, written.Count(w => w));
            Assert.Equal(contents[Array.IndexOf(written, true)], stored);
        }
        else
        {
            Assert.InRange(written.Count(w => w), 1, contents.Length);
        }
    }

    [Fact]
    public async Task ReadsRacingPutsAndDeletes_SeeNoObjectOrTheWholeOne_NeverAnEmptyOne()
    {
        // A read that looked twice (is there a value? then: does the key exist?) could straddle a put and report an
        // object of 0 bytes that was never written, which the L3 tier rejects as damaged and deletes: a good object lost.
        var store = CreateStore(Prefix());
        var content = RandomBytes(2048, 21);
        var writerDone = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
            {
                Assert.True(await store.PutIfAbsentAsync("v2/raced", content, CancellationToken.None));
                await store.DeleteAsync("v2/raced", CancellationToken.None);
            }

            Volatile.Write(ref writerDone, 1);
        });
        var reads = new List<byte[]?>();
        while (Volatile.Read(ref writerDone) == 0 && !writer.IsFaulted)
        {
            reads.Add(await ReadAllAsync(store, "v2/raced"));
        }

        await writer.WaitAsync(Bound);
        Assert.All(reads, read => Assert.True(read is null || read.AsSpan().SequenceEqual(content), $"a read saw {read?.Length} bytes"));
    }

    [Fact]
    public async Task Lease_OneHolderAtATime_ReleasedOnlyByItsHolder_ExpiredOneTakenOver()
    {
        if (CreateStore(Prefix()) is not IRemoteLeaseStore store)
        {
            return; // a store without leases (WebDAV): the fleet lease refuses it at construction (RemoteSettingsTests)
        }

        Assert.True(await store.TryAcquireLeaseAsync("v2/dddd.lease", "a", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await store.TryAcquireLeaseAsync("v2/dddd.lease", "b", TimeSpan.FromMinutes(1), CancellationToken.None));

        await store.ReleaseLeaseAsync("v2/dddd.lease", "b", CancellationToken.None);
        Assert.False(await store.TryAcquireLeaseAsync("v2/dddd.lease", "b", TimeSpan.FromMinutes(1), CancellationToken.None));

        await store.ReleaseLeaseAsync("v2/dddd.lease", "a", CancellationToken.None);
        Assert.True(await store.TryAcquireLeaseAsync("v2/dddd.lease", "b", TimeSpan.FromMilliseconds(300), CancellationToken.None));

        // "b" crashes without releasing: once its lease expires, "c" takes it over (waiting on the server's expiry).
        var clock = Stopwatch.StartNew();
        while (!await store.TryAcquireLeaseAsync("v2/dddd.lease", "c", TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            Assert.True(clock.Elapsed < Bound, "the expired lease was never taken over");
            await Task.Delay(50);
        }

        Assert.False(await store.TryAcquireLeaseAsync("v2/dddd.lease", "d", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Lease_RenewedByItsHolder_OutlivesItsFirstDuration_OthersCannotRenewIt()
    {
        if (CreateStore(Prefix()) is not IRemoteLeaseStore store)
        {
            return;
        }

        Assert.True(await store.TryAcquireLeaseAsync("v2/eeee.lease", "a", TimeSpan.FromMilliseconds(400), CancellationToken.None));
        Assert.False(await store.RenewLeaseAsync("v2/eeee.lease", "b", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await store.RenewLeaseAsync("v2/eeee.lease", "a", TimeSpan.FromMinutes(1), CancellationToken.None));

        await Task.Delay(800); // past the first duration: the renewal holds it
        Assert.False(await store.TryAcquireLeaseAsync("v2/eeee.lease", "b", TimeSpan.FromMinutes(1), CancellationToken.None));

        await store.ReleaseLeaseAsync("v2/eeee.lease", "a", CancellationToken.None);
        Assert.False(await store.RenewLeaseAsync("v2/eeee.lease", "a", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await store.TryAcquireLeaseAsync("v2/eeee.lease", "b", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task SecondWorker_IsServedFromL3_WithZeroUpstreamRequests_AndTheSameBytesInItsL2()
    {
        await using var world = await RemoteWorld.StartAsync(days: 3, rowsPerDay: 20_000);
        var store = CreateStore(Prefix());
        var query = RemoteWorld.Days(0, 3);
        var firstCache = TestData.TempDirectory();
        var secondCache = TestData.TempDirectory();

        List<(long, double, double)> first;
        await using (var a = world.Client(RemoteWorld.Patient(store), firstCache))
        {
            first = await RemoteWorld.ReadAsync(a, query);
            await a.FlushRemoteWritesAsync().WaitAsync(Bound);
            Assert.True(a.GetStatistics().RemoteWrites == 3, a.GetStatistics().ToString());
        }

        var requestsBefore = world.Emulator.DatasetRequests;
        await using var b = world.Client(RemoteWorld.Patient(store), secondCache);
        var second = await RemoteWorld.ReadAsync(b, query);

        var stats = b.GetStatistics();
        Assert.True(stats.RemoteHits == 3, stats.ToString());
        Assert.Equal(0, stats.SourceFetches);
        Assert.Equal(requestsBefore, world.Emulator.DatasetRequests);
        Assert.Equal(60_000, second.Count);
        Assert.Equal(first, second);
        var files = Directory.GetFiles(firstCache, "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Path.Combine(secondCache, Path.GetRelativePath(firstCache, file))));
        }
    }
}
