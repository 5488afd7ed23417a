using TickCache.Fetching;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Loading;

/// <summary>
/// Loads one chunk through the tiers: L1 memory → (single flight per key) L1 again → L2 disk → L3 remote → the source.
/// A hit is promoted to the tiers above it (L3 → L2 → L1); a fetched closed chunk goes to L2 and L1 at once and to L3 in
/// the background (or at once while holding the fleet lease, so that waiting workers find it). Open chunks are served
/// but never stored. Before a download, the chunk is checked against the exchange metadata (when that check is on) and,
/// with the fleet lease on, the lease is taken or another worker's result awaited.
/// Thread-safe.
/// </summary>
internal sealed class ChunkLoader(
    MemoryTier memory,
    DiskTier? disk,
    RemoteParts? remote,
    ChunkFinality finality,
    AvailabilityCheck? availability,
    Func<ChunkKey, CancellationToken, Task<ChunkColumns>> fetch,
    CacheCounters counters)
{
    private readonly SingleFlight<ChunkKey, ChunkColumns> _flights = new();

    public SingleFlight<ChunkKey, ChunkColumns> Flights => _flights;

    public Task<ChunkColumns> LoadAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        if (memory.TryGet(key) is { } hit)
        {
            counters.MemoryLookup(hit: true);
            return Task.FromResult(hit);
        }

        counters.MemoryLookup(hit: false);
        return _flights.RunAsync(key, LoadMissAsync, cancellationToken);
    }

    private async Task<ChunkColumns> LoadMissAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        using var span = Spans.Chunk(key.ToString());
        if (memory.TryGet(key) is { } filledMeanwhile)
        {
            span?.SetTag(TickCacheTelemetry.TierTag, "memory");
            return filledMeanwhile;
        }

        var final = await finality.IsFinalAsync(key, cancellationToken).ConfigureAwait(false);
        if (final && disk is not null && await disk.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            memory.Set(key, stored);
            span?.SetTag(TickCacheTelemetry.TierTag, "disk");
            return stored;
        }

        if (final && remote is not null && await remote.Tier.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } shared)
        {
            memory.Set(key, shared);
            span?.SetTag(TickCacheTelemetry.TierTag, "remote");
            return shared;
        }

        if (availability is not null && (await availability.EnsureAvailableAsync(key, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            counters.KnownGapChunk();
        }

        string? holder = null;
        if (final && remote?.Lease is { } lease)
        {
            var (filled, held) = await lease.AcquireOrAwaitAsync(key, cancellationToken).ConfigureAwait(false);
            if (filled is not null)
            {
                memory.Set(key, filled);
                span?.SetTag(TickCacheTelemetry.TierTag, "remote");
                return filled;
            }

            holder = held;
        }

        try
        {
            counters.SourceFetch();
            span?.SetTag(TickCacheTelemetry.TierTag, "source").SetTag("tickcache.final", final);
            var fetched = await fetch(key, cancellationToken).ConfigureAwait(false);
            if (final)
            {
                await StoreAsync(key, fetched, holder is not null, cancellationToken).ConfigureAwait(false);
                memory.Set(key, fetched);
            }

            return fetched;
        }
        finally
        {
            if (holder is not null)
            {
                await remote!.Tier.ReleaseLeaseAsync(key, holder, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes a fetched closed chunk to L2 and L3; with L3 the file is encoded once for both.</summary>
    private async Task StoreAsync(ChunkKey key, ChunkColumns fetched, bool holdsLease, CancellationToken cancellationToken)
    {
        if (remote is null)
        {
            if (disk is not null)
            {
                await disk.WriteAsync(key, fetched, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var envelope = await RemoteEnvelope.EncodeAsync(key, fetched, cancellationToken).ConfigureAwait(false);
        var queued = false;
        try
        {
            if (disk is not null)
            {
                await disk.WriteBytesAsync(key, RemoteEnvelope.Content(envelope), cancellationToken).ConfigureAwait(false);
            }

            if (holdsLease)
            {
                await remote.Tier.PutAsync(key, envelope.Memory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                remote.WriteBack.Enqueue(key, envelope);
                queued = true;
            }
        }
        finally
        {
            if (!queued)
            {
                envelope.Dispose();
            }
        }
    }
}
