using StackExchange.Redis;
using TickCache.Remote.Redis;

namespace TickCache.Tests.Remote;

/// <summary>The store contract against a real redis-server.</summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class RedisStoreContractTests(L3Servers servers) : RemoteStoreContract
{
    protected override bool AtomicPutIfAbsent => true;

    protected override IRemoteStore CreateStore(string prefix) =>
        new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = servers.Redis, KeyPrefix = prefix });

    [Fact]
    public async Task ValueAboveMaxValueBytes_IsNotRead_AndOneAtTheCapIs()
    {
        var prefix = $"cap-{Guid.NewGuid():N}:";
        using (var raw = await ConnectionMultiplexer.ConnectAsync(servers.Redis))
        {
            var db = raw.GetDatabase();
            await db.StringSetAsync(prefix + "big", new byte[1025]);
            await db.StringSetAsync(prefix + "fits", RandomBytes(1024, 7));
        }

        using var store = new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = servers.Redis, KeyPrefix = prefix, MaxValueBytes = 1024 });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.OpenReadAsync("big", CancellationToken.None));
        Assert.Contains("1,025 bytes, above MaxValueBytes (1,024)", error.Message, StringComparison.Ordinal);
        Assert.Equal(RandomBytes(1024, 7), await ReadAllAsync(store, "fits"));
    }
}
