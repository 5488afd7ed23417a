namespace TickCache;

/// <summary>
/// Names of the <see cref="System.Diagnostics.Metrics.Meter"/> and instruments TickCache publishes, for wiring up
/// OpenTelemetry or <c>dotnet-counters</c>. Thread-safe (constants only).
/// </summary>
public static class TickCacheTelemetry
{
    /// <summary>The meter name: <c>TickCache</c>.</summary>
    public const string MeterName = "TickCache";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>TickCache</c>.</summary>
    public const string ActivitySourceName = "TickCache";

    /// <summary>Span of one query's enumeration (tags: <see cref="SourceTag"/>, exchange, data type, symbols, range).</summary>
    public const string QuerySpan = "tickcache.query";

    /// <summary>Span of loading one chunk that missed L1 (tags: <see cref="SourceTag"/>, chunk, the tier that served it).</summary>
    public const string ChunkSpan = "tickcache.chunk";

    /// <summary>Span of one upstream attempt (tags: <see cref="SourceTag"/>, URL, HTTP status, bytes).</summary>
    public const string FetchSpan = "tickcache.fetch";

    /// <summary>Counter of tier lookups, tags <see cref="TierTag"/> (memory | disk | remote | source) and <see cref="ResultTag"/> (hit | miss | error | skipped — the L3 breaker was open); a <c>source</c> lookup (a download) also carries <see cref="SourceTag"/>.</summary>
    public const string Lookups = "tickcache.lookups";

    /// <summary>Counter of upstream HTTP requests, tags <c>http.response.status_code</c> and <see cref="SourceTag"/>.</summary>
    public const string FetchRequests = "tickcache.fetch.requests";

    /// <summary>Counter of compressed bytes received from the source, tag <see cref="SourceTag"/>.</summary>
    public const string FetchBytes = "tickcache.fetch.bytes";

    /// <summary>Counter of rows delivered to callers.</summary>
    public const string Ticks = "tickcache.ticks";

    /// <summary>Histogram of upstream attempt durations (until the response headers), in seconds, tag <see cref="SourceTag"/>.</summary>
    public const string FetchDuration = "tickcache.fetch.duration";

    /// <summary>Histogram of time spent waiting for a rate-limit token or a 429 pause, in seconds, tag <see cref="SourceTag"/> (each source has its own limits).</summary>
    public const string RateLimitWait = "tickcache.ratelimit.wait";

    /// <summary>Up-down counter of upstream requests in flight, tag <see cref="SourceTag"/>.</summary>
    public const string FetchActive = "tickcache.fetch.active";

    /// <summary>Counter of L3 circuit-breaker openings (each also logged once, as a warning).</summary>
    public const string RemoteBreakerOpenings = "tickcache.remote.breaker.openings";

    /// <summary>Counter of background L3 writes dropped (write-back queue full, or the client disposed).</summary>
    public const string RemoteWritesDropped = "tickcache.remote.writes.dropped";

    /// <summary>Tag naming the tier of a lookup.</summary>
    public const string TierTag = "tickcache.tier";

    /// <summary>Tag naming the result of a lookup.</summary>
    public const string ResultTag = "tickcache.result";

    /// <summary>
    /// Tag on everything a source does (its requests, bytes, durations, rate-limit waits, requests in flight, downloads,
    /// fetch spans) and on the query and chunk spans: the source's id, one of <see cref="TickSources"/>
    /// (e.g. <c>tardis-datasets</c>).
    /// </summary>
    public const string SourceTag = "tickcache.source";
}
