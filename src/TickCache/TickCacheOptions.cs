namespace TickCache;

/// <summary>
/// Settings of a <see cref="TickCacheClient"/>. Read once by the client's constructor, which validates them and throws
/// <see cref="ArgumentException"/> / <see cref="ArgumentOutOfRangeException"/> naming the setting that is wrong;
/// later changes to this instance have no effect on an existing client. Not thread-safe while being filled in.
/// The settings that belong to one source are declared in that source's folder under Sources/ (partial class), so
/// the core's files name no vendor.
/// </summary>
public sealed partial class TickCacheOptions
{
    /// <summary>
    /// Root folder of the L2 disk tier. Files go to
    /// <c>{CacheDirectory}/v{format}/{exchange}/{dataType}/{symbol}/{yyyy}/{MM}/{dd}.parquet</c> (other sources than the
    /// Tardis API: <c>{CacheDirectory}/{source}/v{format}/…</c>).
    /// </summary>
    /// <value>The default value is <see cref="DefaultCacheDirectory"/>.</value>
    public string CacheDirectory { get; set; } = DefaultCacheDirectory;

    /// <summary>
    /// The user's cache folder plus <c>TickCache</c>, the default of <see cref="CacheDirectory"/> (and of the samples):
    /// on Linux and macOS <c>$XDG_CACHE_HOME/TickCache</c> or, without it, <c>~/.cache/TickCache</c>; on Windows
    /// <c>%LOCALAPPDATA%\TickCache</c>. Read from the environment once per process.
    /// </summary>
    public static string DefaultCacheDirectory { get; } = Path.Combine(UserCacheRoot(), "TickCache");

    /// <summary>
    /// Size budget of the L2 chunk files in bytes; 0 turns it off. After a write takes the folder past it, the least
    /// recently used chunk files (a read counts as a use) are deleted down to 90 % of it, never the one just written;
    /// they are downloaded again when next needed. Counted in <see cref="TickCacheStatistics.DiskEvictions"/>.
    /// </summary>
    /// <value>The default value is 0: no budget (the cache grows as data is read; <c>tickcache purge</c> trims it).</value>
    public long DiskBudgetBytes { get; set; }

    /// <summary>Whether the L2 disk tier is used at all. When <see langword="false"/>, only memory and the source are used.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseDiskCache { get; set; } = true;

    /// <summary>
    /// Byte budget of the L1 memory tier: the sum of the decoded column bytes of the cached chunks (a day of 2 M trades is
    /// ~82 MB). 0 disables L1. The default keeps a warm streaming read of any length under 512 MiB of peak process memory
    /// together with the prefetch window (measured: ~455 MiB over 10 days of 2 M trades; 256 MiB gave ~550–660 MiB,
    /// benchmarks/RESULTS.md); raise it when one process revisits more days than that, e.g. a parameter sweep over one
    /// month — L2 serves the rest at disk-read speed (~35–45 ms for a 2 M-trade day).
    /// </summary>
    /// <value>The default value is 128 MiB.</value>
    public long MemoryBudgetBytes { get; set; } = 128L << 20;

    /// <summary>Allows plain <c>http://</c> endpoints on non-loopback hosts (the API key would travel in clear text).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Most upstream requests in flight at once (the concurrency cap), 1..256.</summary>
    /// <value>The default value is 16 (the official Tardis clients use 20).</value>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>
    /// Token-bucket refill rate: upstream requests per second, including every retry attempt, &gt; 0. Paced on
    /// <see cref="TimeProvider"/>: over any window of <c>w</c> seconds at most <c>RequestBurst - 1 + floor(w × RequestsPerSecond)</c>
    /// requests are sent (one token is kept under the burst for a server refilling on its own timer).
    /// </summary>
    /// <value>The default value is 30 per second.</value>
    public double RequestsPerSecond { get; set; } = 30;

    /// <summary>Token-bucket capacity: the burst of requests allowed at once, ≥ 1 (the client sends one fewer at once, at least one).</summary>
    /// <value>The default value is 30.</value>
    public int RequestBurst { get; set; } = 30;

    /// <summary>Retries after the first attempt for transient failures (429, 5xx, timeouts, truncated or corrupt bodies), 0..20.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Base delay of the exponential backoff with jitter between attempts, &gt; 0 and ≤ 1 day.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Upper bound of any single wait between attempts, including one asked for by a server's <c>Retry-After</c>; a
    /// longer <c>Retry-After</c> is capped to this. &gt; 0 and ≤ 1 day.
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time limit of one attempt: request, whole body and decode; between 10 ms and 1 day.</summary>
    /// <value>The default value is 10 minutes (one day of a busy symbol is hundreds of MB of CSV).</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest a source's server may stay silent — no response headers yet, or no next byte of the body — before
    /// the attempt is abandoned (an <see cref="IOException"/> naming the address) and retried like any transient failure;
    /// &gt; 0 and ≤ 1 day. Only time spent waiting for the server counts, not the client's own decode. A stalled
    /// connection is then found in this time instead of at the end of <see cref="AttemptTimeout"/>.
    /// </summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many chunks ahead of the consumer are loaded in parallel, 1..64. Bounds memory while streaming.</summary>
    /// <value>The default value is 4.</value>
    public int PrefetchChunks { get; set; } = 4;

    /// <summary>
    /// Decoded bytes the prefetch window may hold, ≥ 0: once a chunk has loaded, the window shrinks to
    /// <c>PrefetchBytes / (that chunk's decoded bytes)</c> chunks (at least one day, at most <see cref="PrefetchChunks"/>),
    /// so many small days still overlap their requests while 80 MB days do not pile up. Downloaded chunks still being
    /// written to L2 behind the stream hold at most half of it more (one chunk at least). 0 lifts both caps.
    /// </summary>
    /// <value>The default value is 192 MiB (two days of 2 M trades).</value>
    public long PrefetchBytes { get; set; } = 192L << 20;

    /// <summary>Longest accepted query range; longer ranges throw <see cref="ArgumentOutOfRangeException"/>. Guards against typos.</summary>
    /// <value>The default value is 1,096 days (three years).</value>
    public TimeSpan MaxQueryLength { get; set; } = TimeSpan.FromDays(1096);

    /// <summary>The clock of every timer, delay and "is this chunk final" decision. Tests pass a fake clock.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// An optional <see cref="HttpMessageHandler"/> for upstream requests (proxies, custom certificates). The client
    /// does not dispose it. Automatic decompression must be off: TickCache validates the gzip bytes itself.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the client creates and owns a <see cref="SocketsHttpHandler"/>.</value>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>
    /// Where the <c>TickCache</c> meter comes from (<see cref="TickCacheTelemetry.MeterName"/>): the application's
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (<c>AddTickCache</c> sets the container's), so metrics are
    /// scoped to its host and testable with its collectors; when null, one process-wide meter shared by every client.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// The optional L3 tier: a store shared by a fleet of workers (S3-compatible, Redis-protocol or plain HTTP; see the
    /// <c>TickCache.Remote.*</c> packages), read after an L2 miss and filled after a source fetch. Validated at
    /// construction (a missing store or an out-of-range setting throws, naming the setting).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no L3.</value>
    public RemoteCacheOptions? RemoteCache { get; set; }

    /// <summary>
    /// An optional local archive of Tardis CSV files (as the official clients download them, or a mirror of the datasets
    /// URL), served as the source <see cref="TickSources.LocalArchive"/> through the same validation and tiers, without
    /// a request. Validated at construction (the folder must exist; the pattern must name every key part).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no local archive.</value>
    public LocalArchiveOptions? LocalArchive { get; set; }

    private static string UserCacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify)
            : Path.IsPathFullyQualified(xdg ?? string.Empty) ? xdg!
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".cache");
    }

    /// <inheritdoc />
    /// <remarks>Never prints the API key.</remarks>
    public override string ToString() =>
        $"CacheDirectory={CacheDirectory}, DatasetsEndpoint={DatasetsEndpoint}, ApiKey={(ApiKey is null ? "none" : "set")}, RemoteCache={RemoteCache?.Store?.Name ?? "none"}, MaxConcurrentRequests={MaxConcurrentRequests}, RequestsPerSecond={RequestsPerSecond}";
}
