using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Fetching;
using TickCache.Formats;
using TickCache.Loading;
using TickCache.Planning;
using TickCache.Sources.Tardis;
using TickCache.Telemetry;
using TickCache.Tiers;
using TickCache.Validation;

namespace TickCache;

/// <summary>
/// Streams historical tick data from the Tardis datasets API through a memory tier (L1) and a disk tier (L2, verified
/// Parquet files), fetching each UTC-day chunk from the source at most once per cache, within the rate limits.
/// </summary>
/// <remarks>
/// <para>Thread-safe: one client is meant to be shared by every query of a process; concurrent and overlapping queries
/// share in-flight downloads. Dispose it when done (it owns its HTTP connections and memory cache).</para>
/// <para>Errors: cache-tier problems are misses, never exceptions. Source failures reach the caller while enumerating as
/// <see cref="UpstreamRequestException"/> (HTTP 400/401/403/404, not retried) or
/// <see cref="UpstreamUnavailableException"/> (retries used up).</para>
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
public sealed class TickCacheClient : IDisposable, IAsyncDisposable
{
    private readonly TickCacheOptions _options;
    private readonly CacheCounters _counters = new();
    private readonly MemoryTier _memory;
    private readonly HttpClient _http;
    private readonly UpstreamRateGate _gate;
    private readonly MetadataCache _metadata;
    private readonly ChunkLoader _loader;
    private readonly RemoteParts? _remote;
    private int _disposed;

    /// <summary>Creates a client. Creates no file and sends no request until a query runs.</summary>
    /// <param name="options">Settings, validated and copied here (see <see cref="TickCacheOptions"/> for defaults).</param>
    /// <param name="loggerFactory">Optional logging; nothing logged ever contains the API key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid, e.g. an <c>http://</c> endpoint on a non-loopback host without <see cref="TickCacheOptions.AllowInsecureHttp"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric setting is out of its range.</exception>
    public TickCacheClient(TickCacheOptions options, ILoggerFactory? loggerFactory = null)
    {
        OptionsValidation.Validate(options);
        _options = options;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TickCache");
        var time = options.TimeProvider;
        var apiKey = options.ApiKey ?? Environment.GetEnvironmentVariable(TickCacheOptions.ApiKeyEnvironmentVariable);
        apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        _http = options.HttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = options.MaxConcurrentRequests,
            });
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("TickCache/1.0");
        _memory = new MemoryTier(options.MemoryBudgetBytes);
        _gate = new UpstreamRateGate(options.RequestsPerSecond, options.RequestBurst, options.MaxConcurrentRequests, time, _counters);
        var source = new TardisDatasetsSource(_http, options.DatasetsEndpoint, options.MetadataEndpoint, apiKey, _counters, time, logger);
        var pipeline = new FetchPipeline(options.MaxRetries, options.RetryBaseDelay, options.MaxRetryDelay, options.AttemptTimeout, _gate, time, logger);
        _metadata = new MetadataCache(source.GetMetadataAsync, time, logger);
        var finality = new ChunkFinality(_metadata, options.FinalizationDelay, time, logger);
        var availability = options.ValidateWithMetadata ? new AvailabilityCheck(_metadata) : null;
        var disk = options.UseDiskCache ? new DiskTier(options.CacheDirectory, logger, _counters, time) : null;
        if (options.RemoteCache is { } remoteOptions)
        {
            var tier = new RemoteTier(remoteOptions, disk, logger, _counters, time);
            _remote = new RemoteParts(tier, new RemoteWriteBack(tier, _counters), remoteOptions.UseFleetLease ? new FleetLease(tier, _counters, time) : null);
        }

        _loader = new ChunkLoader(_memory, disk, _remote, finality, availability, (key, ct) => pipeline.FetchAsync(key, source.FetchAttemptAsync, ct), _counters);
    }

    internal CacheCounters Counters => _counters;

    internal ChunkLoader Loader => _loader;

    /// <summary>
    /// Streams the rows of <paramref name="query"/>, any Tardis data type, as columnar batches: one batch per non-empty
    /// UTC-day chunk, in time order, each trimmed to <c>[FromUtc, ToUtc)</c> by exchange <c>timestamp</c>, rows in the
    /// source's order. Up to <see cref="TickCacheOptions.PrefetchChunks"/> chunks load in parallel ahead of the consumer,
    /// so memory stays bounded by that window (plus L1) however long the range. Use the batch's typed views
    /// (<see cref="TickBatch.AsQuotes"/>, …) for named columns.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Stops the stream; a download shared with other callers continues for them.</param>
    /// <returns>The batches; an empty day yields no batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="TickCacheOptions.MaxQueryLength"/> (thrown at once).</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    /// <exception cref="UpstreamRequestException">While enumerating: the source refused a chunk permanently.</exception>
    /// <exception cref="UpstreamUnavailableException">While enumerating: a chunk could not be fetched within the retries.</exception>
    public IAsyncEnumerable<TickBatch> GetBatchesAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        QueryValidation.MaxLength(query, _options.MaxQueryLength);
        return StreamAsync(query, cancellationToken);
    }

    /// <summary>
    /// Streams a <c>trades</c> or <c>liquidations</c> query as <see cref="TradeBatch"/> views of
    /// <see cref="GetBatchesAsync"/>: same order, range and errors.
    /// </summary>
    /// <param name="query">A <see cref="TardisDataTypes.Trades"/> or <see cref="TardisDataTypes.Liquidations"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentException">The query is of another data type (thrown at once).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="TickCacheOptions.MaxQueryLength"/> (thrown at once).</exception>
    public IAsyncEnumerable<TradeBatch> GetTradeBatchesAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.DataType is not (TardisDataTypes.Trades or TardisDataTypes.Liquidations))
        {
            throw new ArgumentException($"The query is for '{query.DataType}'; trade batches need 'trades' or 'liquidations'. Use GetBatchesAsync and the batch's typed view instead.", nameof(query));
        }

        var batches = GetBatchesAsync(query, cancellationToken);
        return AsTrades(batches, cancellationToken);
    }

    /// <summary>
    /// Streams a <c>trades</c> or <c>liquidations</c> query one <see cref="Trade"/> at a time (a convenience over
    /// <see cref="GetTradeBatchesAsync"/>; it allocates an id string per numeric-id trade). Same order, range and errors.
    /// </summary>
    /// <param name="query">A <see cref="TardisDataTypes.Trades"/> or <see cref="TardisDataTypes.Liquidations"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The trades in time order.</returns>
    /// <exception cref="ArgumentException">The query is of another data type (thrown at once).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="TickCacheOptions.MaxQueryLength"/> (thrown at once).</exception>
    public IAsyncEnumerable<Trade> GetTradesAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        var batches = GetTradeBatchesAsync(query, cancellationToken);
        return Flatten(batches, cancellationToken);
    }

    /// <summary>
    /// The documented incidents (Tardis <c>incidentReports</c> of the exchange metadata) that overlap the query range:
    /// known gaps, where missing data is an outage at the source rather than a failure or an ordinary empty day.
    /// Sends one metadata request per exchange per 5 minutes.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The overlapping incidents, oldest first; empty when there are none or the metadata cannot be read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public async Task<IReadOnlyList<KnownGap>> GetKnownGapsAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = await _metadata.GetAsync(query.Exchange, cancellationToken).ConfigureAwait(false);
        return result.Metadata?.Incidents.Where(i => i.FromUtc < query.ToUtc && i.ToUtc > query.FromUtc).OrderBy(i => i.FromUtc).ToList() ?? [];
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
        _remote?.WriteBack.DrainAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Finishes the queued L3 writes (each bounded by its deadline; none are queued without L3), then releases
    /// everything <see cref="Dispose"/> releases. Prefer this at the end of a job so the fleet gets what it fetched.
    /// </summary>
    /// <returns>A task that completes when the client is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_remote is not null && Volatile.Read(ref _disposed) == 0)
        {
            await _remote.WriteBack.DisposeAsync().ConfigureAwait(false);
        }

        Dispose();
    }

    /// <summary>
    /// Releases the HTTP connections, the rate limiter and the memory tier, and drops L3 writes still queued (counted in
    /// <see cref="TickCacheStatistics.RemoteWritesDropped"/>; use <see cref="DisposeAsync"/> to finish them). Queries
    /// still running fail. Does not dispose <see cref="RemoteCacheOptions.Store"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _remote?.WriteBack.Abandon();
        _http.Dispose();
        _gate.Dispose();
        _metadata.Dispose();
        _memory.Dispose();
    }

    private static async IAsyncEnumerable<Trade> Flatten(IAsyncEnumerable<TradeBatch> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                yield return batch[i];
            }
        }
    }

    private static async IAsyncEnumerable<TradeBatch> AsTrades(IAsyncEnumerable<TickBatch> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return batch.AsTrades();
        }
    }

    private async IAsyncEnumerable<TickBatch> StreamAsync(TickQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var span = Spans.Query(query);
        var keys = ChunkPlanner.Plan(query);
        var perDay = query.Symbols.Count;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<(ChunkKey Key, Task<ChunkColumns> Load)>();
        var next = 0;
        var prefetch = Math.Max(_options.PrefetchChunks, perDay);
        try
        {
            while (next < keys.Count && window.Count < prefetch)
            {
                window.Enqueue((keys[next], _loader.LoadAsync(keys[next++], stop.Token)));
            }

            var day = new List<TickBatch>(perDay);
            while (window.Count > 0)
            {
                var (key, load) = window.Dequeue();
                var columns = await load.ConfigureAwait(false);
                prefetch = PrefetchWindow.Chunks(_options.PrefetchChunks, _options.PrefetchBytes, columns.SizeInBytes, perDay);
                while (next < keys.Count && window.Count < prefetch)
                {
                    window.Enqueue((keys[next], _loader.LoadAsync(keys[next++], stop.Token)));
                }

                var part = ChunkTrimmer.Trim(query, key, columns);
                _counters.Delivered(part.Count);
                day.Add(part);
                if (day.Count < perDay)
                {
                    continue;
                }

                var batch = perDay == 1 ? day[0] : ChunkMerger.Merge(day);
                day.Clear();
                if (batch.Count > 0)
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (_, load) in window)
            {
                _ = load.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }
}
