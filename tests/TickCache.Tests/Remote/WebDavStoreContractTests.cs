using TickCache.Remote.Http;

namespace TickCache.Tests.Remote;

/// <summary>The store contract against a real nginx WebDAV server (no conditional PUT there: last writer wins, whole).</summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class WebDavStoreContractTests(L3Servers servers) : RemoteStoreContract
{
    protected override bool AtomicPutIfAbsent => false;

    protected override IRemoteStore CreateStore(string prefix) =>
        new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = servers.WebDav, KeyPrefix = prefix });
}
