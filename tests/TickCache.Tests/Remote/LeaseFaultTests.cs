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
