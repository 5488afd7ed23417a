using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Diagnostics;
using TickCache.Fetching;
using TickCache.Pipeline;
using TickCache.Sources;
using TickCache.Telemetry;
using TickCache.Tiers;
using TickCache.Validation;

namespace TickCache;

/// <summary>
/// Streams historical tick data from a source (see <see cref="TickSources"/>; the Tardis datasets API by default) through
/// a memory tier (L1), a disk tier (L2, verified Parquet files) and an optional shared tier (L3), fetching each chunk of
/// the source's grid at most once per cache, within the rate limits. The composition root: it builds the sources, the
/// tiers, the tier chain and the stream, and owns their lifetimes.
/// </summary>
/// <remarks>
/// <para>Thread-safe: one client is meant to be shared by every query of a process; concurrent and overlapping queries
/// share in-flight downloads. Dispose it when done (it owns its HTTP connections and memory cache).</para>
/// <para>Errors: argument errors (<see cref="ArgumentException"/> and its subtypes) are thrown by the call, before any
/// batch. Cache-tier problems are misses, never exceptions. Every failure seen while enumerating is a
/// <see cref="TickCacheException"/>: <see cref="DataNotAvailableException"/> (the source does not have the exchange,
/// symbol or data type, or publishes no day of the range; before the first batch),
/// <see cref="UpstreamRequestException"/> (HTTP 400/401/403/404, not retried), <see cref="InvalidChunkDataException"/>
/// (a whole file holding another chunk's rows, not retried) or <see cref="UpstreamUnavailableException"/> (retries used
/// up).</para>
/// </remarks>
/// <example>
/// <code>
/// using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = "/data/tick-cache" });
/// var query = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT",
///     new DateTime(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 8, 2, 0, 0, 0, DateTimeKind.Utc));
/// await foreach (var batch in client.GetTradeBatchesAsync(query))
/// {
///     var prices = batch.Prices.Span; // columns, no object per trade
/// }
/// </code>
/// </example>
public sealed partial class TickCacheClient : IDisposable, IAsyncDisposable
{
    private readonly TickCacheOptions _options;
    private readonly CacheCounters _counters;
    private readonly MemoryTier _memory;
    private readonly HttpClient _http;
    private readonly List<UpstreamRateGate> _gates = [];
    private readonly IReadOnlyList<ITickSource> _ownedSources;
    private readonly InstrumentDirectory _instruments;
    private readonly Dictionary<string, ChunkSource> _sources = new(StringComparer.Ordinal);
    private readonly string _defaultSource;
    private readonly TierChain _chain;
    private readonly ChunkStream _stream;
    private readonly RemoteWriteBack? _writeBack;
    private readonly WriteBehind _writeBehind;
    private readonly DiskTier? _disk;
    private readonly DiskLock? _diskLock;
    private int _disposed;

    /// <summary>Creates a client. Creates no file and sends no request until a query runs.</summary>
    /// <param name="options">Settings, validated and copied here (see <see cref="TickCacheOptions"/> for defaults).</param>
    /// <param name="loggerFactory">Optional logging; nothing logged ever contains the API key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid, e.g. an <c>http://</c> endpoint on a non-loopback host without <see cref="TickCacheOptions.AllowInsecureHttp"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric setting is out of its range.</exception>
    public TickCacheClient(TickCacheOptions options, ILoggerFactory? loggerFactory = null)
    {
        ValidateOptions(options);
        _options = options;
        _counters = new CacheCounters(Telemetry.Instruments.For(options.MeterFactory));
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TickCache");
        var time = options.TimeProvider;
        var apiKey = options.ApiKey ?? Environment.GetEnvironmentVariable(TickCacheOptions.ApiKeyEnvironmentVariable);
        apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        _http = new HttpClient(options.HttpHandler is { } handler
            ? new StallTimeoutHandler(options.StallTimeout, time, ownsInner: false) { InnerHandler = handler }
            : new StallTimeoutHandler(options.StallTimeout, time, ownsInner: true)
            {
                InnerHandler = new SocketsHttpHandler
                {
                    AutomaticDecompression = System.Net.DecompressionMethods.None,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    MaxConnectionsPerServer = options.MaxConcurrentRequests,
                },
            });
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        _memory = new MemoryTier(options.MemoryBudgetBytes);
        _ownedSources = SourceCatalog.Create(options, _http, apiKey, _counters, logger);
        _defaultSource = _ownedSources[0].Id;
        _instruments = new InstrumentDirectory(_ownedSources);
        foreach (var source in _ownedSources)
        {
            // Each source has its own limits (the client's options unless the source says otherwise) and its own gate.
            var limits = source.Limits ?? new SourceLimits(options.RequestsPerSecond, options.RequestBurst, options.MaxConcurrentRequests, options.MaxRetries);
            var gate = new UpstreamRateGate(source.Id, limits.RequestsPerSecond, limits.Burst, limits.MaxConcurrent, time, _counters);
            _gates.Add(gate);
            _sources[source.Id] = new ChunkSource(source, new FetchPipeline(limits.MaxRetries, options.RetryBaseDelay, options.MaxRetryDelay, options.AttemptTimeout, gate, time, logger, _counters));
        }
        var disk = _disk = options.UseDiskCache ? new DiskTier(options.CacheDirectory, logger, _counters, time, options.DiskBudgetBytes) : null;
        RemoteTier? remote = null;
        FleetLease? lease = null;
        if (options.RemoteCache is { } remoteOptions)
        {
            remote = new RemoteTier(remoteOptions, logger, _counters, time);
            _writeBack = new RemoteWriteBack(remote, _counters);
            lease = remoteOptions.UseFleetLease ? new FleetLease(remote, _counters, time, logger) : null;
        }

        var diskLock = _diskLock = disk is null ? null : new DiskLock(disk, logger);
        // Writes behind the streams hold at most half the prefetch budget of decoded columns (one chunk at least).
        _writeBehind = new WriteBehind(options.PrefetchBytes / 2);
        _chain = new TierChain(_memory, disk, diskLock, remote, _writeBack, lease, _writeBehind, _counters, time, options.AttemptTimeout);
        _stream = new ChunkStream(_chain, options.PrefetchChunks, options.PrefetchBytes, _counters, id => _sources[id]);
    }

    /// <summary><c>TickCache/{package version}</c>, sent with every request (from the assembly's informational version, build metadata removed).</summary>
    internal static string UserAgent { get; } = "TickCache/" + (typeof(TickCacheClient).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false) is [System.Reflection.AssemblyInformationalVersionAttribute a, ..] ? a.InformationalVersion.Split('+')[0] : "0");

    internal CacheCounters Counters => _counters;

    /// <summary>Every check of <paramref name="options"/> a client makes: the vendor-neutral ones, then each source's (the one rule set, also used by the options system).</summary>
    internal static void ValidateOptions(TickCacheOptions options)
    {
        OptionsValidation.Validate(options);
        SourceCatalog.ValidateOptions(options);
    }

    internal TierChain Chain => _chain;

    /// <summary>
    /// The known gaps that overlap the query range, oldest first: the source's documented incidents (Tardis
    /// <c>incidentReports</c>: missing data inside them is an outage at the source rather than a failure or an ordinary
    /// empty day) and the ranges it does not publish for the query's symbols (<see cref="KnownGapKind.NotPublished"/>:
    /// before <c>availableSince</c>, from <c>availableTo</c> on). Sends one metadata request per exchange per 5 minutes.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The overlapping gaps; empty when there are none or the metadata cannot be read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query names a source this client does not have.</exception>
    public Task<IReadOnlyList<KnownGap>> GetKnownGapsAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        var source = SourceOf(query);
        return source.Source.GetKnownGapsAsync(query, cancellationToken);
    }

    /// <summary>A snapshot of this client's counters: hits and misses per tier, source fetches, upstream requests, bytes.</summary>
    /// <returns>The counters since the client was created.</returns>
    public TickCacheStatistics GetStatistics() => _counters.Snapshot();

    /// <summary>
    /// Waits until every L3 write queued so far in the background has been stored, has failed (a counted miss) or was
    /// dropped. Each write is bounded by its own deadline. Completes at once without L3.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the writes go on).</param>
    /// <returns>A task that completes when the write-back queue is empty.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task FlushRemoteWritesAsync(CancellationToken cancellationToken = default) =>
        _writeBack?.DrainAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Finishes the L2 writes still running for streams that stopped early, then the queued L3 writes (each bounded by
    /// its deadline; none are queued without L3), then releases everything <see cref="Dispose"/> releases. Prefer this at
    /// the end of a job so the cache and the fleet get what it fetched.
    /// </summary>
    /// <returns>A task that completes when the client is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _writeBehind.DrainAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (_writeBack is not null && Volatile.Read(ref _disposed) == 0)
        {
            await _writeBack.DisposeAsync().ConfigureAwait(false);
        }

        Dispose();
    }

    /// <summary>
    /// Releases the HTTP connections, the rate limiter and the memory tier, cancels the L2 writes still running for
    /// streams that stopped early (their temp files are deleted; the chunks are fetched again next time) and drops L3
    /// writes still queued (counted in <see cref="TickCacheStatistics.RemoteWritesDropped"/>; use
    /// <see cref="DisposeAsync"/> to finish both). Queries
    /// still running fail with an <see cref="ObjectDisposedException"/> naming the client. Does not dispose <see cref="RemoteCacheOptions.Store"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writeBehind.Dispose();
        _writeBack?.Abandon();
        _http.Dispose();
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }

        foreach (var source in _ownedSources)
        {
            (source as IDisposable)?.Dispose();
        }

        _memory.Dispose();
    }

    private ChunkSource SourceOf(TickQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        QueryValidation.MaxLength(query, _options.MaxQueryLength);
        var id = query.Source ?? _defaultSource;
        var source = SourceById(id);
        if (!source.Source.DataTypes.Contains(query.DataType))
        {
            throw Errors.DataTypeNotServed(id, query.DataType, source.Source.DataTypes);
        }

        return source;
    }

    /// <summary>The source of an id; an <see cref="ArgumentException"/> listing the client's sources when it has none of that id.</summary>
    private ChunkSource SourceById(string id) =>
        _sources.TryGetValue(id, out var source) ? source : throw Errors.UnknownSource(id, _sources.Keys);
}
