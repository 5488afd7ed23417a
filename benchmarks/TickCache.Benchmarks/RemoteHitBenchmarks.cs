using Amazon.Runtime;
using Amazon.S3;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using TickCache.Formats;
using TickCache.Remote.Http;
using TickCache.Remote.Redis;
using TickCache.Remote.S3;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Benchmarks;

/// <summary>
/// An L3 hit of one day (2 M GENERATED trades, ~20 MB envelope) over loopback, until the chunk is decoded and verified
/// (ready for L1) and copied to L2, against a raw client GET of the same bytes with the backend's own client (the
/// baseline). Needs the real servers: <c>bash tests/fixtures/l3-servers.sh start DIR &amp;&amp; source DIR/env</c>.
/// </summary>
[MemoryDiagnoser]
public class RemoteHitBenchmarks
{
    private IRemoteStore _store = null!;
    private RemoteTier _tier = null!;
    private DiskTier _disk = null!;
    private Func<Task<int>> _rawGet = null!;
    private readonly List<IDisposable> _owned = [];

    [Params("redis", "webdav", "s3")]
    public string Backend { get; set; } = "redis";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var prefix = $"bench-{Guid.NewGuid():N}/";
        var key = GeneratedTrades.Key;
        var objectKey = RemoteTier.ObjectKey(key);
        switch (Backend)
        {
            case "redis":
                var redis = Env("TICKCACHE_TEST_REDIS");
                _store = Own(new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = redis, KeyPrefix = prefix }));
                var connection = Own(await ConnectionMultiplexer.ConnectAsync(redis));
                _rawGet = async () => ((byte[])(await connection.GetDatabase().StringGetAsync(prefix + objectKey))!).Length;
                break;
            case "webdav":
                var webdav = new Uri(Env("TICKCACHE_TEST_WEBDAV"));
                _store = Own(new HttpRemoteStore(new HttpRemoteStoreOptions { BaseAddress = webdav, KeyPrefix = prefix }));
                var http = Own(new HttpClient());
                var url = new Uri(webdav, $"/cache/{prefix}{objectKey}");
                _rawGet = async () => (await http.GetByteArrayAsync(url)).Length;
                break;
            default:
                var s3Url = new Uri(Env("TICKCACHE_TEST_S3"));
                var config = new AmazonS3Config
                {
                    ServiceURL = s3Url.ToString(),
                    ForcePathStyle = true,
                    AuthenticationRegion = "us-east-1",
                    RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                    ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                };
                var s3 = Own(new AmazonS3Client(new BasicAWSCredentials(Env("TICKCACHE_TEST_S3_ACCESS_KEY"), Env("TICKCACHE_TEST_S3_SECRET_KEY")), config));
                try
                {
                    await s3.PutBucketAsync("tickcache-bench");
                }
                catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                }

                _store = Own(new S3RemoteStore(new S3RemoteStoreOptions
                {
                    ServiceUrl = s3Url,
                    Bucket = "tickcache-bench",
                    AccessKeyId = Env("TICKCACHE_TEST_S3_ACCESS_KEY"),
                    SecretAccessKey = Env("TICKCACHE_TEST_S3_SECRET_KEY"),
                    KeyPrefix = prefix,
                }));
                _rawGet = async () =>
                {
                    using var response = await s3.GetObjectAsync("tickcache-bench", prefix + objectKey);
                    using var copy = new MemoryStream((int)response.ContentLength);
                    await response.ResponseStream.CopyToAsync(copy);
                    return (int)copy.Length;
                };
                break;
        }

        using var envelope = await RemoteEnvelope.EncodeAsync(key, GeneratedTrades.Create(2_000_000), CancellationToken.None);
        if (!await _store.PutIfAbsentAsync(objectKey, envelope.Memory, CancellationToken.None))
        {
            throw new InvalidOperationException("the object could not be stored");
        }

        Console.WriteLine($"// {Backend}: envelope {envelope.Length / 1e6:0.0} MB for 2 M generated trades");
        var options = new RemoteCacheOptions { Store = _store, TimeToFirstByte = TimeSpan.FromSeconds(30) };
        _disk = new DiskTier(Path.Combine(Path.GetTempPath(), $"tickcache-bench-l2-{Guid.NewGuid():N}"), NullLogger.Instance, new CacheCounters(), TimeProvider.System);
        _tier = new RemoteTier(options, NullLogger.Instance, new CacheCounters(), TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>The backend's own client fetching the same object into a byte array: nothing verified, nothing decoded.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> RawGet() => _rawGet();

    /// <summary>TickCache's L3 hit: read under a deadline, verify length and xxHash64, decode and verify the Parquet file, copy it to L2 (what the tier chain does).</summary>
    [Benchmark]
    public async Task<int> L3HitToL1AndL2()
    {
        using var hit = await _tier.TryReadAsync(GeneratedTrades.Key, CancellationToken.None) ?? throw new InvalidOperationException("L3 hit expected");
        await _disk.WriteBytesAsync(GeneratedTrades.Key, hit.File, CancellationToken.None);
        return hit.Columns.Count;
    }

    /// <summary>The same hit without the L2 copy (a client with <c>UseDiskCache = false</c>).</summary>
    [Benchmark]
    public async Task<int> L3HitToL1()
    {
        using var hit = await _tier.TryReadAsync(GeneratedTrades.Key, CancellationToken.None) ?? throw new InvalidOperationException("L3 hit expected");
        return hit.Columns.Count;
    }

    private static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: bash tests/fixtures/l3-servers.sh start DIR && source DIR/env");

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
