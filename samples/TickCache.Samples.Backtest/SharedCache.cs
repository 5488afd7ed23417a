using TickCache.Remote.Http;
using TickCache.Remote.Redis;
using TickCache.Remote.S3;

namespace TickCache.Samples.Backtest;

/// <summary>The shared L3 store named on the command line (see <see cref="SampleArguments.Usage"/>).</summary>
internal static class SharedCache
{
    /// <summary>Environment variable holding the bearer token of <c>--l3-http</c> (kept off the command line).</summary>
    public const string HttpTokenVariable = "TICKCACHE_L3_TOKEN";

    /// <summary>The store, or null when no <c>--l3-*</c> option was given. Throws what the store's options throw on bad settings.</summary>
    public static IRemoteStore? Create(SampleArguments arguments) => arguments.RemoteStore switch
    {
        null => null,
        ("redis", var configuration) => new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = configuration }),
        ("s3", var bucket) => new S3RemoteStore(new S3RemoteStoreOptions { Bucket = bucket, ServiceUrl = arguments.S3Endpoint }),
        ("http", var url) => new HttpRemoteStore(new HttpRemoteStoreOptions
        {
            BaseAddress = new Uri(url),
            BearerToken = Environment.GetEnvironmentVariable(HttpTokenVariable),
        }),
        var (kind, _) => throw new ArgumentException($"Unknown L3 kind '{kind}'."),
    };
}
