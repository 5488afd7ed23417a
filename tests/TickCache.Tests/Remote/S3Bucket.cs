using Amazon.Runtime;
using Amazon.S3;
using TickCache.Remote.S3;

namespace TickCache.Tests.Remote;

/// <summary>The test bucket on the real S3 server, created once per run.</summary>
internal static class S3Bucket
{
    public const string Name = "tickcache-test";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _created;

    public static S3RemoteStore Store(L3Servers servers, string prefix, Action<S3RemoteStoreOptions>? configure = null)
    {
        Ensure(servers);
        var options = new S3RemoteStoreOptions
        {
            ServiceUrl = servers.S3,
            Bucket = Name,
            AccessKeyId = servers.S3AccessKey,
            SecretAccessKey = servers.S3SecretKey,
            KeyPrefix = prefix,
        };
        configure?.Invoke(options);
        return new S3RemoteStore(options);
    }

    private static void Ensure(L3Servers servers)
    {
        Gate.Wait();
        try
        {
            if (_created)
            {
                return;
            }

            using var s3 = new AmazonS3Client(new BasicAWSCredentials(servers.S3AccessKey, servers.S3SecretKey), new AmazonS3Config
            {
                ServiceURL = servers.S3.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
            try
            {
                s3.PutBucketAsync(Name).GetAwaiter().GetResult();
            }
            catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
            }

            _created = true;
        }
        finally
        {
            Gate.Release();
        }
    }
}
