using System.Buffers;
using Microsoft.Extensions.Logging;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Tiers;

/// <summary>
/// L3: a shared <see cref="IRemoteStore"/> holding each closed chunk's L2 file in a <see cref="RemoteEnvelope"/> under
/// <c>v{format}/{xxHash64 of the chunk}</c>. Fails soft: every store call runs under a deadline we set (time to first
/// byte, then a per-MiB budget covering the body) and through the <see cref="RemoteBreaker"/>; any exception, a missed
/// deadline or an open breaker is a counted miss. An object is verified (header, length, xxHash64, Parquet footer and
/// decoded content) before it is handed out, so a torn, garbled or foreign object never reaches another tier (it is
/// deleted from L3 instead, so that the next download replaces it). Knows no other tier: the tier chain copies a hit
/// to L2 and L1. A store that ignores its cancellation token is abandoned at the
/// deadline (its pooled buffer is then left to the GC, never reused). Thread-safe.
/// </summary>
internal sealed class RemoteTier
{
    private const double Mebibyte = 1 << 20;
    private readonly IRemoteStore _store;
    private readonly RemoteCacheOptions _options;
    private readonly RemoteBreaker _breaker;
    private readonly ILogger _logger;
    private readonly CacheCounters _counters;
    private readonly TimeProvider _time;

    public RemoteTier(RemoteCacheOptions options, ILogger logger, CacheCounters counters, TimeProvider time)
    {
        _store = options.Store!;
        _options = options;
        _logger = logger;
        _counters = counters;
        _time = time;
        _breaker = new RemoteBreaker(options, _store.Name, logger, counters, time);
    }

    public RemoteCacheOptions Options => _options;

    /// <summary>The lease store (validated to exist when the fleet lease is on).</summary>
    private IRemoteLeaseStore Leases => _options.LeaseStore ?? (IRemoteLeaseStore)_store;

    public static string ObjectKey(ChunkKey key) => $"v{key.FormatVersion}/{key.HashHex}";

    public static string LeaseKey(ChunkKey key) => ObjectKey(key) + ".lease";

    /// <summary>Reads and verifies the object of <paramref name="key"/>.</summary>
    /// <returns>The decoded chunk with its verified L2 file bytes (dispose it), or <see langword="null"/> on any kind of miss (counted and logged).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<RemoteHit?> TryReadAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var (ok, read) = await CallAsync("read", key, 0, (deadline, ct) => ReadEnvelopeAsync(key, deadline, ct), cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        var (buffer, length, contentHash, problem) = read;
        if (problem is not null)
        {
            await RejectAsync(key, problem, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (buffer is null)
        {
            _counters.RemoteLookup(hit: false);
            return null;
        }

        var handedOver = false;
        try
        {
            var content = buffer.AsMemory(0, length);
            var hash = XxHash.Of(content.Span);
            if (hash != contentHash)
            {
                await RejectAsync(key, $"the content hash is {hash:x16}, the header says {contentHash:x16}", cancellationToken).ConfigureAwait(false);
                return null;
            }

            var (columns, invalid) = await ParquetChunkCodec.ReadAsync(content, key, cancellationToken).ConfigureAwait(false);
            if (columns is null)
            {
                await RejectAsync(key, invalid!, cancellationToken).ConfigureAwait(false);
                return null;
            }

            _counters.RemoteLookup(hit: true);
            handedOver = true;
            return new RemoteHit(columns, buffer, length);
        }
        finally
        {
            if (!handedOver)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Stores an envelope unless the object exists. Returns whether the store confirmed it (written or already there).</summary>
    public async Task<bool> PutAsync(ChunkKey key, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken)
    {
        if (envelope.Length > _options.MaxObjectBytes)
        {
            return false;
        }

        var (ok, _) = await CallAsync("write", key, envelope.Length, (_, ct) => _store.PutIfAbsentAsync(ObjectKey(key), envelope, ct), cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return false;
        }

        _counters.RemoteWrite();
        return true;
    }

    /// <summary>Whether the object of <paramref name="key"/> exists; <see langword="null"/> when L3 could not tell.</summary>
    public async Task<bool?> ExistsAsync(ChunkKey key, CancellationToken cancellationToken) =>
        await CallAsync("exists", key, 0, (_, ct) => _store.ExistsAsync(ObjectKey(key), ct), cancellationToken).ConfigureAwait(false) is (true, var exists) ? exists : null;

    /// <summary>
    /// Tries to take the fleet lease of <paramref name="key"/>; <see langword="null"/> when L3 could not tell. When the
    /// call ran but failed (e.g. its answer missed the deadline), the server may still have created the marker: it is
    /// released in the background (<see cref="ReleaseInBackground"/>), so it cannot block the fleet.
    /// </summary>
    public async Task<bool?> TryAcquireLeaseAsync(ChunkKey key, string holder, CancellationToken cancellationToken)
    {
        var ran = false;
        var (ok, held) = await CallAsync("lease", key, 0, (_, ct) =>
        {
            ran = true;
            return Leases.TryAcquireLeaseAsync(LeaseKey(key), holder, _options.LeaseDuration, ct);
        }, cancellationToken).ConfigureAwait(false);
        if (ok)
        {
            return held;
        }

        if (ran)
        {
            ReleaseInBackground(key, holder);
        }

        return null;
    }

    /// <summary>
    /// Extends the fleet lease of <paramref name="key"/> by <see cref="RemoteCacheOptions.LeaseDuration"/> (the holder's
    /// heartbeat); <see langword="false"/> when it is no longer ours or L3 could not tell (the download goes on regardless).
    /// </summary>
    public async Task<bool> RenewLeaseAsync(ChunkKey key, string holder, CancellationToken cancellationToken) =>
        await CallAsync("renew", key, 0, (_, ct) => Leases.RenewLeaseAsync(LeaseKey(key), holder, _options.LeaseDuration, ct), cancellationToken).ConfigureAwait(false) is (true, true);

    /// <summary>
    /// Releases the fleet lease of <paramref name="key"/>: one call under the usual deadline and breaker; when that
    /// cannot confirm it (failed, missed its deadline, breaker open), <see cref="ReleaseInBackground"/> keeps trying so
    /// that no lease of ours blocks the fleet until it expires.
    /// </summary>
    public async Task ReleaseLeaseAsync(ChunkKey key, string holder, CancellationToken cancellationToken)
    {
        var (ok, _) = await CallAsync("release", key, 0, async (_, ct) =>
        {
            await Leases.ReleaseLeaseAsync(LeaseKey(key), holder, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            ReleaseInBackground(key, holder);
        }
    }

    /// <summary>
    /// A best-effort release in the background, outside the breaker, with the lease's own duration as its deadline
    /// (by then the marker expires anyway). For a lease we may hold without knowing: an acquire whose answer missed its
    /// deadline may still have created the marker on the server. Releasing a lease we do not hold is harmless (the
    /// store deletes a marker only for its holder). Never throws; a failure is logged.
    /// </summary>
    public void ReleaseInBackground(ChunkKey key, string holder) => _ = Task.Run(async () =>
    {
        using var deadline = new CancellationTokenSource(_options.LeaseDuration, _time);
        try
        {
            await Leases.ReleaseLeaseAsync(LeaseKey(key), holder, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Cleanup of a marker that expires anyway: any failure is only logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RemoteError(_logger, "release", key.ToString(), _store.Name, deadline.IsCancellationRequested ? "the deadline passed" : e.GetType().Name);
        }
    });

    private async Task<Read> ReadEnvelopeAsync(ChunkKey key, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var stream = await _store.OpenReadAsync(ObjectKey(key), cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return default;
        }

        await using (stream.ConfigureAwait(false))
        {
            var header = new byte[RemoteEnvelope.HeaderLength];
            var got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (RemoteEnvelope.CheckHeader(header.AsSpan(0, got), key, _options.MaxObjectBytes, out var length, out var contentHash) is { } problem)
            {
                return new Read(null, 0, 0, problem);
            }

            deadline.CancelAfter(Budget(length));
            var buffer = ArrayPool<byte>.Shared.Rent(length + 1);
            got = await stream.ReadAtLeastAsync(buffer.AsMemory(0, length + 1), length + 1, throwOnEndOfStream: false, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (got != length)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return new Read(null, 0, 0, got < length
                    ? $"the object is torn: {got} of {length} content bytes"
                    : $"the object holds more than the {length} content bytes its header declares");
            }

            return new Read(buffer, length, contentHash, null);
        }
    }

    private TimeSpan Budget(long bytes) => _options.TimeToFirstByte + (_options.PerMebibyte * (bytes / Mebibyte));

    /// <summary>
    /// Runs one store call under a deadline (<see cref="RemoteCacheOptions.TimeToFirstByte"/> plus the per-MiB budget of
    /// <paramref name="bytes"/>, at least <see cref="RemoteCacheOptions.FirstCallTimeout"/> for the client's first call;
    /// the call may extend it) and through the breaker. Returns null when the breaker is open or
    /// the call failed (both counted) as <c>Ok = false</c>; throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    private async Task<(bool Ok, T Value)> CallAsync<T>(string operation, ChunkKey key, long bytes, Func<CancellationTokenSource, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _breaker.TryRunAsync(
                async (first, token) =>
                {
                    var budget = Budget(bytes);
                    using var deadline = new CancellationTokenSource(first && _options.FirstCallTimeout > budget ? _options.FirstCallTimeout : budget, _time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Token);
                    try
                    {
                        return await call(deadline, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // A store may throw anything (SDK, socket, protocol, timeout types): all of it is an L3 failure.
                    catch (Exception e) when (!token.IsCancellationRequested)
#pragma warning restore CA1031
                    {
                        throw new RemoteFailureException(deadline.IsCancellationRequested ? "the deadline passed" : e.GetType().Name, e);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                _counters.RemoteSkipped();
                return default;
            }

            return (true, result.Value);
        }
        catch (RemoteFailureException e)
        {
            _counters.RemoteError();
            Log.RemoteError(_logger, operation, key.ToString(), _store.Name, e.Message);
            return default;
        }
    }

    /// <summary>
    /// Counts and logs an object that failed verification, then deletes it (best effort, like every L3 call), so that the
    /// next download of the chunk can store a good object under the key: objects are never overwritten.
    /// </summary>
    private async Task RejectAsync(ChunkKey key, string problem, CancellationToken cancellationToken)
    {
        _counters.RemoteRejected();
        Log.RemoteRejected(_logger, ObjectKey(key), key.ToString(), _store.Name, problem);
        await CallAsync("delete", key, 0, async (_, ct) =>
        {
            await _store.DeleteAsync(ObjectKey(key), ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct Read(byte[]? Buffer, int Length, ulong ContentHash, string? Problem);
}
