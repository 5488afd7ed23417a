using Microsoft.Extensions.Time.Testing;
using TickCache.Remote.Redis;
using TickCache.Tiers;

namespace TickCache.Tests.Remote;

/// <summary>
/// Leases that a client-side timeout must not orphan, against a real redis-server: the acquire's answer misses its
/// deadline while the server has created the marker. The worker downloads for itself (it does not wait a lease
/// duration) and releases that marker in the background, so the next worker takes the lease at once.
/// </summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class LeaseFaultTests(L3Servers servers)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HolderOfALongDownload_RenewsItsLeaseEveryThirdOfItsDuration_ThenReleasesIt()
    {
        await using var world = await RemoteWorld.StartAsync(days: 1, rowsPerDay: 5_000);
        using var redis = new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = servers.Redis, KeyPrefix = $"renew-{Guid.NewGuid():N}:" });
        var counting = new RenewalCountingStore(redis);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var remote = new RemoteCacheOptions { Store = counting, UseFleetLease = true, TimeToFirstByte = TimeSpan.FromMinutes(1), LeaseDuration = TimeSpan.FromSeconds(30) };
        await using var client = world.Client(remote, TestData.TempDirectory(), o => o.TimeProvider = clock);
        world.Emulator.HoldRequests();

        var reading = RemoteWorld.ReadAsync(client, RemoteWorld.Days(0, 1));
        await world.Emulator.WaitForDatasetRequestsAsync(1).WaitAsync(Bound); // the holder is downloading
        for (var beat = 1; beat <= 3; beat++)
        {
            // A third of the lease duration per beat. The heartbeat registers its next wait only after a renewal has
            // returned, so a step can land before that registration: then the next step fires it.
            var renewed = counting.RenewalsAsync(beat);
            for (var step = 0; step < 20 && !renewed.IsCompleted; step++)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                await Task.WhenAny(renewed, Task.Delay(200));
            }

            Assert.True(renewed.IsCompleted, $"beat {beat}: no renewal; stats {client.GetStatistics()}");
        }

        world.Emulator.ReleaseRequests();
        Assert.Equal(5_000, (await reading.WaitAsync(Bound)).Count);

        Assert.True(counting.Successes >= 3, $"{counting.Successes} renewals");
        Assert.Equal(counting.Renewals, counting.Successes); // every renewal of the holder's lease succeeded
        var leaseKey = RemoteTier.ObjectKey(RemoteFaultTests.Key(0)) + ".lease";
        Assert.True(await redis.TryAcquireLeaseAsync(leaseKey, "next-worker", TimeSpan.FromMinutes(1), CancellationToken.None), "released after the download");
    }

    [Fact]
    public async Task AcquireAnswerMissesItsDeadline_WorkerDownloadsItself_AndTheMarkerIsReleased()
    {
        await using var world = await RemoteWorld.StartAsync(days: 1, rowsPerDay: 5_000);
        using var redis = new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = servers.Redis, KeyPrefix = $"lease-{Guid.NewGuid():N}:" });
        var late = new LateLeaseAnswerStore(redis);
        var remote = new RemoteCacheOptions { Store = late, UseFleetLease = true, TimeToFirstByte = TimeSpan.FromMilliseconds(300), LeaseDuration = TimeSpan.FromMinutes(10) };
        await using var client = world.Client(remote, TestData.TempDirectory());

        var rows = await RemoteWorld.ReadAsync(client, RemoteWorld.Days(0, 1)).WaitAsync(Bound);
        var released = await late.Released.WaitAsync(Bound);

        Assert.Equal(5_000, rows.Count);
        var stats = client.GetStatistics();
        Assert.Equal((1, 0), (stats.SourceFetches, stats.LeaseWaits));
        var leaseKey = RemoteTier.ObjectKey(RemoteFaultTests.Key(0)) + ".lease";
        Assert.Equal(leaseKey, released);
        Assert.True(await redis.TryAcquireLeaseAsync(leaseKey, "next-worker", TimeSpan.FromMinutes(1), CancellationToken.None), "the marker of the timed-out acquire is gone");
    }
}
