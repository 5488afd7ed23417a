using TickCache.Fetching;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Loading;

/// <summary>
/// Loads one chunk through the tiers: L1 memory → (single flight per key) L1 again → L2 disk → the source. A disk hit is
/// promoted to L1; a fetched chunk goes to L2 (only when closed) and L1. Open chunks are served but never stored.
/// Before a download, the chunk is checked against the exchange metadata (when that check is on).
/// Thread-safe.
/// </summary>
internal sealed class ChunkLoader(
    MemoryTier memory,
    DiskTier? disk,
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

        if (availability is not null && (await availability.EnsureAvailableAsync(key, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            counters.KnownGapChunk();
        }

        counters.SourceFetch();
        span?.SetTag(TickCacheTelemetry.TierTag, "source").SetTag("tickcache.final", final);
        var fetched = await fetch(key, cancellationToken).ConfigureAwait(false);
        if (final)
        {
            if (disk is not null)
            {
                await disk.WriteAsync(key, fetched, cancellationToken).ConfigureAwait(false);
            }

            memory.Set(key, fetched);
        }

        return fetched;
    }
}
