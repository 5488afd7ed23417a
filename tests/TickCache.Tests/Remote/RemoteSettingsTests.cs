using TickCache.Remote.Http;
using TickCache.Remote.Redis;
using TickCache.Remote.S3;

namespace TickCache.Tests.Remote;

/// <summary>Bad L3 settings fail at construction, naming the setting and never echoing a secret.</summary>
public sealed class RemoteSettingsTests
{
    private const string Secret = "s3cr3t-value-9f8e7d";

    [Fact]
    public void S3_MissingBucket_NamesTheSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new S3RemoteStore(new S3RemoteStoreOptions { ServiceUrl = new Uri("http://127.0.0.1:9000") }));
        Assert.Contains("S3RemoteStoreOptions.Bucket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void S3_OnlyOneKey_NamesBothSettings_WithoutTheSecret()
    {
        var e = Assert.Throws<ArgumentException>(() => new S3RemoteStore(new S3RemoteStoreOptions { Bucket = "b", ServiceUrl = new Uri("http://127.0.0.1:9000"), SecretAccessKey = Secret }));
        Assert.Contains("AccessKeyId", e.Message, StringComparison.Ordinal);
        Assert.Contains("SecretAccessKey", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://minio.internal:9000")]
    [InlineData("http://10.0.0.5:9000")]
    public void S3_PlainHttpToANonLoopbackHost_IsRefused_UnlessAllowed(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => new S3RemoteStore(new S3RemoteStoreOptions { Bucket = "b", ServiceUrl = new Uri(url), AccessKeyId = "AK", SecretAccessKey = Secret }));
        Assert.Contains("S3RemoteStoreOptions.ServiceUrl", e.Message, StringComparison.Ordinal);
        Assert.Contains("http://", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);

        using var allowed = new S3RemoteStore(new S3RemoteStoreOptions { Bucket = "b", ServiceUrl = new Uri(url), AccessKeyId = "AK", SecretAccessKey = Secret, AllowInsecureHttp = true });
        Assert.DoesNotContain(Secret, allowed.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "RedisRemoteStoreOptions.Configuration is missing")]
    [InlineData("  ", "RedisRemoteStoreOptions.Configuration is missing")]
    [InlineData("password=" + Secret, "names no endpoint")]
    [InlineData("127.0.0.1:6379,password=" + Secret + ",connectTimeout=abc", "cannot be parsed")]
    public void Redis_BadConfiguration_NamesTheSetting_WithoutThePassword(string? configuration, string says)
    {
        var e = Assert.Throws<ArgumentException>(() => new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = configuration }));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_Name_NeverShowsThePassword()
    {
        using var store = new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = "127.0.0.1:6379,password=" + Secret });
        Assert.DoesNotContain(Secret, store.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "HttpRemoteStoreOptions.BaseAddress")]
    [InlineData("ftp://cache.internal", "HttpRemoteStoreOptions.BaseAddress")]
    [InlineData("http://cache.internal", "plain http://")]
    public void Http_BadBaseAddress_NamesTheSetting(string? url, string says)
    {
        var e = Assert.Throws<ArgumentException>(() => new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = url is null ? null : new Uri(url), BearerToken = Secret }));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_BlankToken_OrBadPrefix_AreRefused()
    {
        Assert.Contains("BearerToken", Assert.Throws<ArgumentException>(() => new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = new Uri("https://cache.internal"), BearerToken = " " })).Message, StringComparison.Ordinal);
        Assert.Contains("KeyPrefix", Assert.Throws<ArgumentException>(() => new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = new Uri("https://cache.internal"), KeyPrefix = "../etc/" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_RemoteCacheWithoutStore_OrOutOfRange_NamesTheSetting()
    {
        Assert.Contains("RemoteCache.Store", Assert.Throws<ArgumentException>(() => new TickCacheClient(new TickCacheOptions { RemoteCache = new RemoteCacheOptions() })).Message, StringComparison.Ordinal);
        using var store = new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = new Uri("https://cache.internal") });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { RemoteCache = new RemoteCacheOptions { Store = store, BreakerFailures = 0 } }));
        Assert.Contains("RemoteCache.BreakerFailures", e.Message, StringComparison.Ordinal);
        Assert.Contains("RemoteCache.BreakDuration", Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { RemoteCache = new RemoteCacheOptions { Store = store, BreakDuration = TimeSpan.Zero } })).Message, StringComparison.Ordinal);
        Assert.Contains("RemoteCache.TimeToFirstByte", Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { RemoteCache = new RemoteCacheOptions { Store = store, TimeToFirstByte = TimeSpan.Zero } })).Message, StringComparison.Ordinal);
        Assert.Contains("RemoteCache.FirstCallTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { RemoteCache = new RemoteCacheOptions { Store = store, FirstCallTimeout = TimeSpan.FromMinutes(6) } })).Message, StringComparison.Ordinal);
        Assert.Contains("RemoteCache.FirstCallTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { RemoteCache = new RemoteCacheOptions { Store = store, FirstCallTimeout = TimeSpan.FromSeconds(-1) } })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_FleetLeaseOnAStoreWithoutLeases_IsRefused()
    {
        using var store = new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = new Uri("https://cache.internal") });
        var e = Assert.Throws<ArgumentException>(() => new TickCacheClient(new TickCacheOptions { RemoteCache = new RemoteCacheOptions { Store = store, UseFleetLease = true } }));
        Assert.Contains("UseFleetLease", e.Message, StringComparison.Ordinal);
    }
}
