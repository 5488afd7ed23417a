namespace TickCache;

/// <summary>
/// A shared L3 store of cache objects: opaque, immutable byte strings under string keys (the object of a chunk is its
/// verified Parquet file in a small envelope that carries its length, xxHash64 and chunk key). Implemented by the
/// backend packages <c>TickCache.Remote.S3</c>, <c>TickCache.Remote.Redis</c> and <c>TickCache.Remote.Http</c>; plug one
/// in through <see cref="RemoteCacheOptions.Store"/>. The fleet lease is a separate interface,
/// <see cref="IRemoteLeaseStore"/> (a store may implement both).
/// </summary>
/// <remarks>
/// <para>Keys look like <c>v2/54eb9963cdfef71a</c> (format version / xxHash64 of the chunk identity): ASCII letters,
/// digits, <c>/</c>, <c>.</c> and <c>-</c> only, at most 200 characters. A store may add its own prefix.</para>
/// <para>Contract: implementations are thread-safe; every call honours its <see cref="CancellationToken"/> (the tier
/// cancels it at its own deadline) and may throw any exception on failure — the tier catches everything, counts a
/// miss and feeds its circuit breaker, so implementations should not retry or wait on their own. Nothing a store
/// throws or logs may contain a credential.</para>
/// </remarks>
public interface IRemoteStore
{
    /// <summary>A short name for logs and metrics, e.g. <c>s3://bucket/prefix</c> or <c>redis</c>. Never contains a credential.</summary>
    string Name { get; }

    /// <summary>
    /// Opens the object under <paramref name="key"/> for reading.
    /// </summary>
    /// <param name="key">The object key (see the remarks of <see cref="IRemoteStore"/>).</param>
    /// <param name="cancellationToken">Cancels the request and any later read of the returned stream.</param>
    /// <returns>
    /// A stream positioned at the first byte (the caller disposes it; reads honour their token), or
    /// <see langword="null"/> when there is no such object.
    /// </returns>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/> unless an object is already there. Readers never
    /// see a partly written object (atomic PUT / SET). Objects are immutable and content-addressed, so a store without a
    /// conditional write may overwrite (last writer wins, harmless).
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="content">The whole object; not retained after the returned task completes.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write must not leave a partial object.</param>
    /// <returns><see langword="true"/> when written, <see langword="false"/> when an object was already there.</returns>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the object under <paramref name="key"/>; nothing happens when there is none. The tier calls it only for an
    /// object that failed verification (torn, garbled, another chunk's), so that the next download can store a good one
    /// in its place (objects are never overwritten).
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is gone.</returns>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether an object exists under <paramref name="key"/>.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when the object exists.</returns>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
