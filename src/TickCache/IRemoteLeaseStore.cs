namespace TickCache;

/// <summary>
/// Leases for the fleet-wide single flight (<see cref="RemoteCacheOptions.UseFleetLease"/>): an atomic
/// create-if-absent with expiry, renewed by its holder while it downloads, released when done. Kept apart from the object
/// store (<see cref="IRemoteStore"/>), as a distributed lock is apart from a cache; the Redis and S3 backends implement
/// both. Same contract as <see cref="IRemoteStore"/>: thread-safe, honour the token, throw on failure (the tier counts a
/// miss), never a credential in a message.
/// </summary>
public interface IRemoteLeaseStore
{
    /// <summary>
    /// Atomically creates the lease <paramref name="key"/> holding <paramref name="holder"/>, expiring after
    /// <paramref name="duration"/>, unless an unexpired lease is there. An expired lease (its holder crashed) is taken over.
    /// </summary>
    /// <param name="key">The lease key (the chunk's object key plus <c>.lease</c>).</param>
    /// <param name="holder">A unique id of the caller (process and attempt).</param>
    /// <param name="duration">How long the lease lasts without a renewal or release, &gt; 0.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when the caller now holds the lease.</returns>
    Task<bool> TryAcquireLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease <paramref name="key"/> to expire <paramref name="duration"/> from now, if
    /// <paramref name="holder"/> still holds it (the holder's heartbeat while it downloads).
    /// </summary>
    /// <param name="key">The lease key.</param>
    /// <param name="holder">The id passed to <see cref="TryAcquireLeaseAsync"/>.</param>
    /// <param name="duration">The new time to live, &gt; 0.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when extended; <see langword="false"/> when the lease is gone or held by another.</returns>
    Task<bool> RenewLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Deletes the lease <paramref name="key"/> if <paramref name="holder"/> still holds it; otherwise does nothing.</summary>
    /// <param name="key">The lease key.</param>
    /// <param name="holder">The id passed to <see cref="TryAcquireLeaseAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken);
}
