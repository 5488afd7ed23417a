using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TickCache.Tiers;
using TickCache.Validation;

namespace TickCache.Remote.S3;

/// <summary>
/// An <see cref="IRemoteStore"/> on S3-compatible object storage through AWSSDK.S3 (the one file using it). Objects live
/// at <c>{KeyPrefix}{key}</c>; put-if-absent is a PUT with <c>If-None-Match: *</c> (412 or 409 = already there; a server
/// answering 501 does not support it: then HEAD + plain PUT, last writer wins, harmless for immutable verified objects);
/// a lease is a marker object created the same way, holding its holder and expiry (an expired marker is deleted with
/// <c>If-Match</c> its ETag and re-created by the next worker; a server that ignores the condition on DELETE — Ceph 16
/// RGW does — lets two workers taking over the same expired lease at once both hold it: one extra download, never wrong
/// data). The SDK is configured for S3 look-alikes: checksums only when required, no
/// aws-chunked uploads (both corrupt objects or fail on some servers), no client retries (the L3 tier's breaker
/// decides), deadlines through the cancellation token. Thread-safe; dispose it after the clients using it.
/// </summary>
public sealed class S3RemoteStore : IRemoteStore, IRemoteLeaseStore, IDisposable
{
    private readonly AmazonS3Client _s3;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly TimeProvider _time;

    /// <summary>Creates the store; sends nothing yet.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>Bucket</c> is missing; only one of the two keys is set; <c>ServiceUrl</c> is
    /// not http(s) or is plain http to a non-loopback host without <c>AllowInsecureHttp</c>; <c>Region</c> or
    /// <c>KeyPrefix</c> is null. Messages never show a key.</exception>
    public S3RemoteStore(S3RemoteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bucket = RemoteStoreSettings.RequireValue(options.Bucket, "S3RemoteStoreOptions.Bucket", "the name of an existing bucket");
        var region = RemoteStoreSettings.RequireValue(options.Region, "S3RemoteStoreOptions.Region", "the bucket's region, e.g. us-east-1");
        _prefix = options.KeyPrefix ?? throw new ArgumentException("S3RemoteStoreOptions.KeyPrefix is null: use \"\" for no prefix.", nameof(options));
        _time = options.TimeProvider ?? throw new ArgumentException("S3RemoteStoreOptions.TimeProvider is null.", nameof(options));
        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            throw new ArgumentException("S3RemoteStoreOptions.AccessKeyId and SecretAccessKey must be set together (or both left null for the default AWS credential chain); only one is set.", nameof(options));
        }

        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
            Timeout = Timeout.InfiniteTimeSpan,
            AuthenticationRegion = region,
        };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = RemoteStoreSettings.RequireEndpoint(options.ServiceUrl, "S3RemoteStoreOptions.ServiceUrl", options.AllowInsecureHttp).ToString();
            config.ForcePathStyle = options.ForcePathStyle ?? true;
            Name = $"s3://{options.ServiceUrl.Authority}/{_bucket}/{_prefix}";
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
            config.ForcePathStyle = options.ForcePathStyle ?? false;
            Name = $"s3://{_bucket}/{_prefix}";
        }

        _s3 = string.IsNullOrEmpty(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <exception cref="AmazonS3Exception">The server answered an error other than 404.</exception>
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _s3.GetObjectAsync(_bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
            return new OwnedReadStream(response.ResponseStream, response, response.ContentLength);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <exception cref="AmazonS3Exception">The server answered an error other than 412, 409 or 501.</exception>
    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        switch (await PutAsync(_prefix + key, content, conditional: true, cancellationToken).ConfigureAwait(false))
        {
            case Put.Created:
                return true;
            case Put.Exists:
                return false;
            default:
                if (await ExistsAsync(key, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                await PutAsync(_prefix + key, content, conditional: false, cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    /// <inheritdoc />
    /// <exception cref="AmazonS3Exception">The server answered an error (S3 answers 204 for a missing key too).</exception>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _s3.DeleteObjectAsync(_bucket, _prefix + key, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="AmazonS3Exception">The server answered an error other than 404.</exception>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.GetObjectMetadataAsync(_bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The server does not implement <c>If-None-Match</c> (no atomic lease possible).</exception>
    /// <exception cref="AmazonS3Exception">The server answered another error.</exception>
    public async Task<bool> TryAcquireLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var marker = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{holder}\n{(_time.GetUtcNow() + duration).ToUnixTimeMilliseconds()}"));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            switch (await PutAsync(_prefix + key, marker, conditional: true, cancellationToken).ConfigureAwait(false))
            {
                case Put.Created:
                    return true;
                case Put.Unsupported:
                    throw new NotSupportedException($"{Name} does not support If-None-Match on PUT, so it cannot hold leases: turn the fleet lease off.");
            }

            var current = await ReadMarkerAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is { Holder: not null } held && held.Expires > _time.GetUtcNow())
            {
                return false;
            }

            // The holder crashed (or released it meanwhile): take the lease over, deleting only the marker we read (If-Match
            // its ETag), so that of two workers taking over the same expired lease only one succeeds.
            if (current is { } expired)
            {
                await DeleteMarkerAsync(key, expired.ETag, cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }

    /// <inheritdoc />
    /// <exception cref="AmazonS3Exception">The server answered an error other than 404.</exception>
    public async Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken)
    {
        if (await ReadMarkerAsync(key, cancellationToken).ConfigureAwait(false) is { } marker && marker.Holder == holder)
        {
            await DeleteMarkerAsync(key, marker.ETag, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The marker is replaced by one with the new expiry: the holder's marker is deleted (If-Match its ETag) and a new one
    /// created (If-None-Match). Between the two another worker may take the lease: the renewal then returns false and
    /// both download (a duplicate request, never wrong data).
    /// </remarks>
    /// <exception cref="AmazonS3Exception">The server answered an error other than 404 or 412.</exception>
    public async Task<bool> RenewLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (await ReadMarkerAsync(key, cancellationToken).ConfigureAwait(false) is not { } marker || marker.Holder != holder)
        {
            return false;
        }

        await DeleteMarkerAsync(key, marker.ETag, cancellationToken).ConfigureAwait(false);
        var renewed = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{holder}\n{(_time.GetUtcNow() + duration).ToUnixTimeMilliseconds()}"));
        return await PutAsync(_prefix + key, renewed, conditional: true, cancellationToken).ConfigureAwait(false) == Put.Created;
    }

    /// <summary>Releases the SDK client.</summary>
    public void Dispose() => _s3.Dispose();

    private async Task<Put> PutAsync(string objectKey, ReadOnlyMemory<byte> content, bool conditional, CancellationToken cancellationToken)
    {
        var segment = MemoryMarshal.TryGetArray(content, out var array) ? array : new ArraySegment<byte>(content.ToArray());
        using var body = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            ContentType = "application/octet-stream",
        };
        if (conditional)
        {
            request.IfNoneMatch = "*";
        }

        try
        {
            await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return Put.Created;
        }
        catch (AmazonS3Exception e) when (conditional && e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return Put.Exists;
        }
        catch (AmazonS3Exception e) when (conditional && e.StatusCode == HttpStatusCode.NotImplemented)
        {
            return Put.Unsupported;
        }
    }

    /// <summary>The lease marker under <paramref name="key"/>: its holder and expiry (null holder when unreadable) and its
    /// ETag; <see langword="null"/> when there is none.</summary>
    private async Task<Marker?> ReadMarkerAsync(string key, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await _s3.GetObjectAsync(_bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using (response)
        {
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            var parts = (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Split('\n');
            return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? new Marker(parts[0], DateTimeOffset.FromUnixTimeMilliseconds(ms), response.ETag)
                : new Marker(null, default, response.ETag);
        }
    }

    /// <summary>Deletes the lease marker if it still has <paramref name="etag"/>; a server without conditional deletes
    /// (501) deletes it unconditionally, and one that ignores the condition does the same.</summary>
    private async Task DeleteMarkerAsync(string key, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = _prefix + key, IfMatch = etag }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            // Replaced meanwhile (another worker took the lease over): leave it.
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotImplemented)
        {
            await _s3.DeleteObjectAsync(_bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Marker(string? Holder, DateTimeOffset Expires, string ETag);

    private enum Put
    {
        Created,
        Exists,
        Unsupported,
    }
}
