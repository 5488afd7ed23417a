namespace TickCache.Remote.S3;

/// <summary>Settings of an <see cref="S3RemoteStore"/>; validated by its constructor. Not thread-safe while being filled in.</summary>
public sealed class S3RemoteStoreOptions
{
    /// <summary>The bucket holding the objects (it must exist). Required.</summary>
    /// <value>The default value is <see langword="null"/>: it must be set (the constructor throws <see cref="ArgumentException"/> otherwise).</value>
    public string? Bucket { get; set; }

    /// <summary>
    /// Endpoint of an S3-compatible server, e.g. <c>https://minio.internal:9000</c> (MinIO, Ceph RGW, R2, Wasabi). Null for
    /// AWS S3 itself (then <see cref="Region"/> picks the endpoint). Plain <c>http://</c> only to a loopback host unless
    /// <see cref="AllowInsecureHttp"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: AWS S3.</value>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The region, e.g. <c>eu-central-1</c>; required for AWS S3, used for signing elsewhere.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// Access key id. Set it together with <see cref="SecretAccessKey"/>, or leave both null to use the AWS SDK's default
    /// credential chain (environment, profile, instance role). Never shown in messages or logs.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the AWS SDK's default credential chain.</value>
    public string? AccessKeyId { get; set; }

    /// <summary>Secret access key (see <see cref="AccessKeyId"/>). Never shown in messages or logs.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SecretAccessKey { get; set; }

    /// <summary>
    /// Path-style addressing (<c>{endpoint}/{bucket}/{key}</c>), which S3 look-alikes and IP endpoints need. Null picks it
    /// automatically: on with a <see cref="ServiceUrl"/>, off for AWS S3.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (automatic).</value>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Prefix of every object key, e.g. <c>tickcache/</c> (the tier's keys then add <c>v{format}/</c>).</summary>
    /// <value>The default value is <c>tickcache/</c>.</value>
    public string KeyPrefix { get; set; } = "tickcache/";

    /// <summary>Allows <c>http://</c> to a non-loopback <see cref="ServiceUrl"/> (data and signatures in clear text).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The clock used for lease expiry times written into lease markers.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
