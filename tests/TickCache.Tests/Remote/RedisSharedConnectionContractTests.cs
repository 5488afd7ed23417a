using StackExchange.Redis;
using TickCache.Remote.Redis;

namespace TickCache.Tests.Remote;

/// <summary>The store contract against a real redis-server, on a connection the application owns (the store never closes it).</summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class RedisSharedConnectionContractTests(L3Servers servers) : RemoteStoreContract, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => ConnectionMultiplexer.Connect(servers.Redis));

    protected override bool AtomicPutIfAbsent => true;

    protected override IRemoteStore CreateStore(string prefix) =>
        new RedisRemoteStore(_connection.Value, new RedisRemoteStoreOptions { KeyPrefix = prefix });

    [Fact]
    public async Task DisposingTheStore_LeavesTheApplicationsConnectionOpen()
    {
        var prefix = Prefix();
        using (var store = new RedisRemoteStore(_connection.Value, new RedisRemoteStoreOptions { KeyPrefix = prefix }))
        {
            Assert.True(await store.PutIfAbsentAsync("k", new byte[] { 1, 2, 3 }, CancellationToken.None));
        }

        Assert.True(_connection.Value.IsConnected);
        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[]?)await _connection.Value.GetDatabase().StringGetAsync(prefix + "k"));
    }

    [Fact]
    public void AConfigurationBesideAConnection_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new RedisRemoteStore(_connection.Value, new RedisRemoteStoreOptions { Configuration = "localhost:1" }));

        Assert.Contains("Configuration is set although a connection was given", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
