using TickCache.Remote.Redis;

namespace TickCache.Tests.Remote;

/// <summary>The store contract against a real redis-server.</summary>
[Collection(L3ServersGroup.Name)]
public sealed class RedisStoreContractTests(L3Servers servers) : RemoteStoreContract
{
    protected override bool AtomicPutIfAbsent => true;

    protected override IRemoteStore CreateStore(string prefix) =>
        new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = servers.Redis, KeyPrefix = prefix });
}
