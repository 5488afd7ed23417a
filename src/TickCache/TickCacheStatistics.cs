namespace TickCache;

/// <summary>
/// A snapshot of a <see cref="TickCacheClient"/>'s counters since it was created. Immutable; taking one is thread-safe
/// (each counter is read atomically, the set is not one atomic cut while queries run).
/// </summary>
public sealed record TickCacheStatistics
{
    /// <summary>Chunks served from the L1 memory tier.</summary>
    public long MemoryHits { get; init; }

    /// <summary>Chunk lookups the L1 memory tier could not serve.</summary>
    public long MemoryMisses { get; init; }

    /// <summary>Chunks served from verified L2 Parquet files.</summary>
    public long DiskHits { get; init; }

    /// <summary>L2 lookups that found no usable file (absent, unreadable or failing verification).</summary>
    public long DiskMisses { get; init; }

    /// <summary>L2 files that failed verification and were moved aside (counted in <see cref="DiskMisses"/> too).</summary>
    public long DiskCorrupt { get; init; }

    /// <summary>L2 files deleted to keep the folder within <see cref="TickCacheOptions.DiskBudgetBytes"/> (least recently used first).</summary>
    public long DiskEvictions { get; init; }

    /// <summary>Chunks served from the L3 remote tier (verified, then copied to L2 and L1).</summary>
    public long RemoteHits { get; init; }

    /// <summary>L3 lookups that found no object.</summary>
    public long RemoteMisses { get; init; }

    /// <summary>
    /// L3 objects that failed verification (torn, wrong length or hash, another chunk's bytes, unreadable Parquet):
    /// counted misses that never reached L2.
    /// </summary>
    public long RemoteRejected { get; init; }

    /// <summary>L3 calls (reads, writes, leases) that failed: an exception or our deadline. Each feeds the circuit breaker.</summary>
    public long RemoteErrors { get; init; }

    /// <summary>L3 calls skipped because the circuit breaker was open.</summary>
    public long RemoteSkipped { get; init; }

    /// <summary>Times the L3 circuit breaker opened.</summary>
    public long RemoteBreakerOpenings { get; init; }

    /// <summary>Objects written to L3 (put-if-absent calls that stored, or found, the object).</summary>
    public long RemoteWrites { get; init; }

    /// <summary>Background L3 writes dropped because the write-back queue was full (oldest first) or the client was disposed.</summary>
    public long RemoteWritesDropped { get; init; }

    /// <summary>Chunks this client waited for while another worker of the fleet held their lease (see <see cref="RemoteCacheOptions.UseFleetLease"/>).</summary>
    public long LeaseWaits { get; init; }

    /// <summary>Chunks that had to be fetched from the source (one per chunk however many callers waited for it).</summary>
    public long SourceFetches { get; init; }

    /// <summary>HTTP requests sent to the source, every attempt and metadata request included.</summary>
    public long UpstreamRequests { get; init; }

    /// <summary>Compressed bytes received from the source.</summary>
    public long UpstreamBytes { get; init; }

    /// <summary>Responses with HTTP 429 (rate limited) from the source.</summary>
    public long RateLimitedResponses { get; init; }

    /// <summary>Chunks delivered to callers (including empty ones).</summary>
    public long Chunks { get; init; }

    /// <summary>Rows delivered to callers, after trimming to the query range.</summary>
    public long Rows { get; init; }

    /// <summary>Delivered chunks without a row in the query range: days without data, which are not failures.</summary>
    public long EmptyChunks { get; init; }

    /// <summary>Chunks downloaded from the source that overlap a documented incident (a known gap, see <see cref="TickCacheClient.GetKnownGapsAsync"/>).</summary>
    public long KnownGapChunks { get; init; }

    /// <summary>
    /// Chunks of queries that the source does not publish (e.g. days before the symbol's first day): skipped as gaps,
    /// never downloaded, not counted in <see cref="Chunks"/> (see <see cref="KnownGapKind.NotPublished"/>).
    /// </summary>
    public long UnavailableChunks { get; init; }
}
