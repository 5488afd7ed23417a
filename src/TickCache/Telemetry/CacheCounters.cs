namespace TickCache.Telemetry;

/// <summary>
/// The client's counters: exact per-client numbers behind <see cref="TickCacheStatistics"/> and the process-wide
/// <c>TickCache</c> meter instruments (names in <see cref="TickCacheTelemetry"/>). Thread-safe.
/// </summary>
internal sealed class CacheCounters(Instruments instruments)
{
    /// <summary>Counters on the shared process-wide meter.</summary>
    public CacheCounters()
        : this(Instruments.For(null))
    {
    }


    private long _memoryHits;
    private long _memoryMisses;
    private long _diskHits;
    private long _diskMisses;
    private long _diskCorrupt;
    private long _diskEvicted;
    private long _sourceFetches;
    private long _upstreamRequests;
    private long _upstreamBytes;
    private long _rateLimited;
    private long _chunks;
    private long _rows;
    private long _tokensSpent;
    private long _knownGapChunks;
    private long _unavailableChunks;
    private long _unpublishedOnFetch;
    private long _retries;
    private long _emptyChunks;
    private long _remoteHits;
    private long _remoteMisses;
    private long _remoteRejected;
    private long _remoteErrors;
    private long _remoteSkipped;
    private long _remoteBreakerOpenings;
    private long _remoteWrites;
    private long _remoteWritesDropped;
    private long _leaseWaits;

    /// <summary>Rate-limit tokens taken (one per upstream attempt); for tests of invariant 5.</summary>
    public long TokensSpent => Interlocked.Read(ref _tokensSpent);

    public void MemoryLookup(bool hit) => Lookup(ref hit ? ref _memoryHits : ref _memoryMisses, "memory", hit ? "hit" : "miss");

    public void DiskLookup(bool hit) => Lookup(ref hit ? ref _diskHits : ref _diskMisses, "disk", hit ? "hit" : "miss");

    public void DiskEvicted() => Interlocked.Increment(ref _diskEvicted);

    public void DiskCorrupt()
    {
        Interlocked.Increment(ref _diskCorrupt);
        instruments.Lookups.Add(1, new(TickCacheTelemetry.TierTag, "disk"), new(TickCacheTelemetry.ResultTag, "error"));
    }

    public void RemoteLookup(bool hit) => Lookup(ref hit ? ref _remoteHits : ref _remoteMisses, "remote", hit ? "hit" : "miss");

    public void RemoteRejected() => Lookup(ref _remoteRejected, "remote", "error");

    public void RemoteError() => Lookup(ref _remoteErrors, "remote", "error");

    public void RemoteSkipped() => Lookup(ref _remoteSkipped, "remote", "skipped");

    public void RemoteBreakerOpened()
    {
        Interlocked.Increment(ref _remoteBreakerOpenings);
        instruments.BreakerOpenings.Add(1);
    }

    public void RemoteWrite() => Interlocked.Increment(ref _remoteWrites);

    public void RemoteWriteDropped()
    {
        Interlocked.Increment(ref _remoteWritesDropped);
        instruments.WritesDropped.Add(1);
    }

    public void LeaseWait() => Interlocked.Increment(ref _leaseWaits);

    public void SourceFetch(string source)
    {
        Interlocked.Increment(ref _sourceFetches);
        instruments.Lookups.Add(1, new(TickCacheTelemetry.TierTag, "source"), new(TickCacheTelemetry.ResultTag, "hit"), Tag(source));
    }

    public void UpstreamResponse(string source, int statusCode, TimeSpan duration)
    {
        Interlocked.Increment(ref _upstreamRequests);
        if (statusCode == 429)
        {
            Interlocked.Increment(ref _rateLimited);
        }

        instruments.Requests.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode), Tag(source));
        instruments.Duration.Record(duration.TotalSeconds, Tag(source));
    }

    public void UpstreamBytes(string source, long bytes)
    {
        Interlocked.Add(ref _upstreamBytes, bytes);
        instruments.Bytes.Add(bytes, Tag(source));
    }

    public void Active(string source, int delta) => instruments.Active.Add(delta, Tag(source));

    public void TokenTaken(string source, TimeSpan waited)
    {
        Interlocked.Increment(ref _tokensSpent);
        instruments.Wait.Record(waited.TotalSeconds, Tag(source));
    }

    public void KnownGapChunk() => Interlocked.Increment(ref _knownGapChunks);

    public void UnavailableChunk() => Interlocked.Increment(ref _unavailableChunks);

    /// <summary>A gap found by the download itself (counted in <see cref="UnavailableChunk"/> and as a source fetch too).</summary>
    public void UnpublishedOnFetch()
    {
        Interlocked.Increment(ref _unpublishedOnFetch);
        UnavailableChunk();
    }

    /// <summary>Gaps found by downloads so far.</summary>
    public long UnpublishedOnFetchCount => Interlocked.Read(ref _unpublishedOnFetch);

    /// <summary>A fetch attempt failed transiently and is retried.</summary>
    public void Retry() => Interlocked.Increment(ref _retries);

    public long RetryCount => Interlocked.Read(ref _retries);

    public void Delivered(int rows)
    {
        Interlocked.Increment(ref _chunks);
        if (rows == 0)
        {
            Interlocked.Increment(ref _emptyChunks);
        }

        Interlocked.Add(ref _rows, rows);
        instruments.Ticks.Add(rows);
    }

    public TickCacheStatistics Snapshot() => new()
    {
        MemoryHits = Interlocked.Read(ref _memoryHits),
        MemoryMisses = Interlocked.Read(ref _memoryMisses),
        DiskHits = Interlocked.Read(ref _diskHits),
        DiskMisses = Interlocked.Read(ref _diskMisses),
        DiskCorrupt = Interlocked.Read(ref _diskCorrupt),
        DiskEvictions = Interlocked.Read(ref _diskEvicted),
        SourceFetches = Interlocked.Read(ref _sourceFetches),
        UpstreamRequests = Interlocked.Read(ref _upstreamRequests),
        UpstreamBytes = Interlocked.Read(ref _upstreamBytes),
        RateLimitedResponses = Interlocked.Read(ref _rateLimited),
        Chunks = Interlocked.Read(ref _chunks),
        Rows = Interlocked.Read(ref _rows),
        EmptyChunks = Interlocked.Read(ref _emptyChunks),
        KnownGapChunks = Interlocked.Read(ref _knownGapChunks),
        UnavailableChunks = Interlocked.Read(ref _unavailableChunks),
        RemoteHits = Interlocked.Read(ref _remoteHits),
        RemoteMisses = Interlocked.Read(ref _remoteMisses),
        RemoteRejected = Interlocked.Read(ref _remoteRejected),
        RemoteErrors = Interlocked.Read(ref _remoteErrors),
        RemoteSkipped = Interlocked.Read(ref _remoteSkipped),
        RemoteBreakerOpenings = Interlocked.Read(ref _remoteBreakerOpenings),
        RemoteWrites = Interlocked.Read(ref _remoteWrites),
        RemoteWritesDropped = Interlocked.Read(ref _remoteWritesDropped),
        LeaseWaits = Interlocked.Read(ref _leaseWaits),
    };

    private static KeyValuePair<string, object?> Tag(string source) => new(TickCacheTelemetry.SourceTag, source);

    private void Lookup(ref long field, string tier, string result)
    {
        Interlocked.Increment(ref field);
        instruments.Lookups.Add(1, new(TickCacheTelemetry.TierTag, tier), new(TickCacheTelemetry.ResultTag, result));
    }
}
