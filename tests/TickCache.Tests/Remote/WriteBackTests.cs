using TickCache.Remote.Http;
using TickCache.Tiers;

namespace TickCache.Tests.Remote;

/// <summary>The background write-back queue against real nginx: bounded, drops the oldest when full, never slows a query.</summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class WriteBackTests(L3Servers servers)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FullQueue_DropsTheOldestWrite_CountsIt_AndQueriesDoNotWait()
    {
        await using var world = await RemoteWorld.StartAsync(days: 5, rowsPerDay: 1_000);
        using var http = new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = servers.WebDav, KeyPrefix = $"queue-{Guid.NewGuid():N}/" });
        var store = new GatedStore(http);
        var remote = new RemoteCacheOptions { Store = store, WriteQueueCapacity = 2, TimeToFirstByte = TimeSpan.FromMinutes(5) };
        await using var client = world.Client(remote);

        await RemoteWorld.ReadAsync(client, RemoteWorld.Days(0, 1)).WaitAsync(Bound);
        await store.FirstWriteWaiting.WaitAsync(Bound); // day 0's write is in progress, held at the gate
        for (var day = 1; day < 5; day++)
        {
            await RemoteWorld.ReadAsync(client, RemoteWorld.Days(day, 1)).WaitAsync(Bound); // queue: capacity 2
        }

        Assert.Equal(2, client.GetStatistics().RemoteWritesDropped); // days 1 and 2, pushed out by days 3 and 4
        store.Open();
        await client.FlushRemoteWritesAsync().WaitAsync(Bound);

        var stats = client.GetStatistics();
        Assert.Equal((3, 2), (stats.RemoteWrites, stats.RemoteWritesDropped));
        bool[] stored = [.. await Task.WhenAll(Enumerable.Range(0, 5).Select(d => http.ExistsAsync(RemoteTier.ObjectKey(RemoteFaultTests.Key(d)), CancellationToken.None)))];
        Assert.Equal([true, false, false, true, true], stored);
    }

    [Fact]
    public async Task Dispose_DropsQueuedWrites_DisposeAsyncFinishesThem()
    {
        await using var world = await RemoteWorld.StartAsync(days: 2, rowsPerDay: 1_000);
        using var http = new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = servers.WebDav, KeyPrefix = $"dispose-{Guid.NewGuid():N}/" });

        var dropped = new GatedStore(http);
        var client = world.Client(RemoteWorld.Patient(dropped));
        await RemoteWorld.ReadAsync(client, RemoteWorld.Days(0, 2)).WaitAsync(Bound);
        await dropped.FirstWriteWaiting.WaitAsync(Bound);
        client.Dispose(); // cancels the write held at the gate and drops the queued one
        await client.FlushRemoteWritesAsync().WaitAsync(Bound);
        Assert.Equal((0, 2), (client.GetStatistics().RemoteWrites, client.GetStatistics().RemoteWritesDropped));
        Assert.False(await http.ExistsAsync(RemoteTier.ObjectKey(RemoteFaultTests.Key(0)), CancellationToken.None));

        var finished = world.Client(RemoteWorld.Patient(http));
        await RemoteWorld.ReadAsync(finished, RemoteWorld.Days(0, 2)).WaitAsync(Bound);
        await finished.DisposeAsync();
        Assert.Equal(0, finished.GetStatistics().RemoteWritesDropped);
        Assert.True(await http.ExistsAsync(RemoteTier.ObjectKey(RemoteFaultTests.Key(1)), CancellationToken.None));
    }
}
