using TickCache.Telemetry;

namespace TickCache.Pipeline;

/// <summary>
/// Builds the <see cref="PrefetchReport"/> of a prefetch or a query from the client's counters since it started: chunks
/// fetched (a download that found a gap counts as the gap), served by a tier, unpublished, rows, upstream bytes, retries
/// and 429 answers.
/// Counts are client-wide, so other queries running on the same client at the same time are counted too. Thread-safe.
/// </summary>
internal sealed class ProgressTracker(CacheCounters counters, TimeProvider time, int planned)
{
    private readonly TickCacheStatistics _before = counters.Snapshot();
    private readonly long _fetchGapsBefore = counters.UnpublishedOnFetchCount;
    private readonly long _retriesBefore = counters.RetryCount;
    private readonly long _started = time.GetTimestamp();
    private long _rows;
    private int _unpublished;

    public long Rows => Interlocked.Read(ref _rows);

    public void AddRows(int rows) => Interlocked.Add(ref _rows, rows);

    /// <summary>Chunks refused before any was loaded (the source lacks the symbol or type): counted as gaps.</summary>
    public void AddUnpublished(int chunks) => Interlocked.Add(ref _unpublished, chunks);

    public PrefetchReport Report(string? current)
    {
        var now = counters.Snapshot();
        var fetchGaps = counters.UnpublishedOnFetchCount - _fetchGapsBefore;
        var fetched = (int)(now.SourceFetches - _before.SourceFetches - fetchGaps);
        var cached = (int)(now.MemoryHits - _before.MemoryHits + now.DiskHits - _before.DiskHits + now.RemoteHits - _before.RemoteHits);
        var gaps = (int)(now.UnavailableChunks - _before.UnavailableChunks) + Volatile.Read(ref _unpublished);
        return new PrefetchReport(
            planned, Math.Min(planned, fetched + cached + gaps), cached, fetched, gaps, Rows, now.UpstreamBytes - _before.UpstreamBytes, time.GetElapsedTime(_started), current,
            counters.RetryCount - _retriesBefore, now.RateLimitedResponses - _before.RateLimitedResponses);
    }
}
