namespace TickCache.Tests.Remote;

/// <summary>The store contract against a real S3 server (Ceph RGW, single node, memstore).</summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class S3StoreContractTests(L3Servers servers) : RemoteStoreContract
{
    protected override bool AtomicPutIfAbsent => true;

    protected override IRemoteStore CreateStore(string prefix) => S3Bucket.Store(servers, prefix);
}
