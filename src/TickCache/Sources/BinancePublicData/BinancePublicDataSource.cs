using System.Net;
using Microsoft.Extensions.Logging;
using TickCache.Diagnostics;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// Binance's public archive (data.binance.vision) as a source: keyless zip files of one CSV each, per market, data type,
/// symbol and UTC day or month (<see cref="BinanceGrid"/>), with a <c>.CHECKSUM</c> beside each. Partition timestamp:
/// <c>timestamp</c> (the trade / transaction / calculation time decides the file). One attempt = <c>GET</c> the
/// checksum, <c>GET</c> the zip, verify its SHA-256, then decode its one CSV entry (<see cref="BinanceCsvDecoder"/>).
/// A 404 of the checksum is a gap (<see cref="ChunkNotPublishedException"/>: not uploaded yet, or the symbol did not
/// trade then); 400/401/403 throw <see cref="UpstreamRequestException"/>; 429, 5xx, a 404 of a zip whose checksum
/// exists, a checksum mismatch and a truncated body are retried. A chunk is final once its day or month has ended (the
/// archive only publishes complete periods). Exchanges and data types the archive does not have are
/// <see cref="DataNotAvailableException"/> before any request. Thread-safe.
/// </summary>
internal sealed class BinancePublicDataSource : ITickSource
{
    private readonly HttpClient _http;
    private readonly string _endpoint;
    private readonly CacheCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BinanceGrid _grid;

    public BinancePublicDataSource(HttpClient http, BinancePublicDataOptions options, int maxRetries, CacheCounters counters, TimeProvider time, ILogger logger)
    {
        _http = http;
        _endpoint = options.Endpoint.AbsoluteUri.TrimEnd('/');
        _counters = counters;
        _time = time;
        _logger = logger;
        _grid = new BinanceGrid(Id, CacheFolder, options, time);
        Limits = new SourceLimits(options.RequestsPerSecond, Math.Max(1, (int)Math.Ceiling(options.RequestsPerSecond)), options.MaxConcurrentRequests, maxRetries);
    }

    public string Id => TickSources.BinancePublicData;

    public string CacheFolder => Id;

    public IReadOnlyCollection<string> DataTypes => FuturesDataTypes.Value; // the futures markets have every type

    /// <summary>Built on first use, not with the client: the layouts cost a warm read's start-up when no query comes here.</summary>
    private static Lazy<IReadOnlyList<string>> FuturesDataTypes { get; } = new(() => BinanceLayout.DataTypesOf(BinanceMarketKind.UsdM));

    public string PartitionColumn => "timestamp"; // the archive files rows by the UTC day/month of their trade or transaction time

    /// <summary><see cref="BinancePublicDataOptions.RequestsPerSecond"/> (burst of one second's worth) and <see cref="BinancePublicDataOptions.MaxConcurrentRequests"/>; the client's retries.</summary>
    public SourceLimits? Limits { get; }

    public IReadOnlyList<ChunkKey> Plan(TickQuery query, Func<ChunkKey, bool> isStored) =>
        _grid.Plan(query, BinanceMarket.Of(query.Exchange) is { } market ? BinanceLayout.Of(market.Kind, query.DataType) : null, isStored);

    /// <summary>Final once the period has ended: the archive publishes a day or month only after it is complete.</summary>
    public Task<bool> IsFinalAsync(ChunkKey key, CancellationToken cancellationToken) => Task.FromResult(key.EndUtc <= _time.GetUtcNow().UtcDateTime);

    public Task<ChunkAvailability> CheckAvailabilityAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        _ = Resolve(key);
        return Task.FromResult(key.StartUtc >= _time.GetUtcNow().UtcDateTime
            ? ChunkAvailability.Gap($"{key} has not started yet")
            : ChunkAvailability.Yes);
    }

    /// <summary>The archive has no listing to ask (a 404 is the only answer): no known gaps.</summary>
    public Task<IReadOnlyList<KnownGap>> GetKnownGapsAsync(TickQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<KnownGap>>([]);

    /// <summary>The archive has no listing to rely on (its S3 listing is not a documented interface).</summary>
    public Task<IReadOnlyList<SymbolInfo>?> GetSymbolsAsync(string exchange, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SymbolInfo>?>(null);

    /// <summary>The archive has no instruments API (its markets' definitions come from documented facts: <see cref="BinanceInstruments"/>).</summary>
    public Task<IReadOnlyList<Instrument>?> GetInstrumentsAsync(string exchange, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Instrument>?>(null);

    /// <summary>Its three markets (spot, USD-M, COIN-M; the archive publishes no dates for them).</summary>
    public Task<IReadOnlyList<ExchangeInfo>?> GetExchangesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ExchangeInfo>?>([.. BinanceMarket.All.Select(m => new ExchangeInfo(m.Exchange, m.Name, true, null, null))]);

    public async Task<ChunkColumns> FetchAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var (market, layout) = Resolve(key);
        var file = BinanceFile.Of(_endpoint, market, layout, key);
        Log.Fetching(_logger, key.ToString(), file.Zip.AbsoluteUri);
        using var span = Spans.Fetch(Id, key.ToString(), file.Zip);
        var published = await GetChecksumAsync(key, file, cancellationToken).ConfigureAwait(false);
        using var response = await GetAsync(key, file.Zip, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new SourceTransientException(404, null, key.ToString()); // its checksum exists: the zip is being replaced or uploaded
        }

        var expected = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var zip = await BufferedZip.ReadAsync(body, expected, cancellationToken).ConfigureAwait(false);
            _counters.UpstreamBytes(Id, zip.Length);
            if (expected is { } length && length != zip.Length)
            {
                throw Errors.Truncated(key, zip.Length, length);
            }

            if (!string.Equals(zip.Sha256, published, StringComparison.Ordinal))
            {
                throw Errors.ChecksumMismatch(key, file.Zip.AbsoluteUri, zip.Sha256, published);
            }

            var columns = await zip.DecodeSingleCsvAsync(key, file.Zip.AbsoluteUri, (csv, csvLength, name) => BinanceCsvDecoder.DecodeAsync(csv, csvLength, key, layout, name, cancellationToken)).ConfigureAwait(false);
            span?.SetTag("tickcache.bytes", zip.Length).SetTag("tickcache.rows", columns.Count);
            return columns;
        }
    }

    /// <summary>The market and file layout of a chunk; <see cref="DataNotAvailableException"/> when the archive has neither.</summary>
    private (BinanceMarket Market, BinanceLayout Layout) Resolve(ChunkKey key)
    {
        var market = BinanceMarket.Of(key.Exchange)
            ?? throw Errors.NotListed(key, Id, $"the archive has no exchange '{key.Exchange}'; it has {string.Join(", ", BinanceMarket.All.Select(m => m.Exchange))}.");
        var layout = BinanceLayout.Of(market.Kind, key.DataType)
            ?? throw Errors.NotListed(key, Id, $"the archive has no '{key.DataType}' files for {key.Exchange}; it has {string.Join(", ", BinanceLayout.DataTypesOf(market.Kind))}.");
        return (market, layout);
    }

    /// <summary>The published SHA-256 of the chunk's zip; a 404 means the archive does not publish the file (a gap).</summary>
    private async Task<string> GetChecksumAsync(ChunkKey key, BinanceFile file, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(key, file.Checksum, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ChunkNotPublishedException($"the archive has no {file.Checksum.AbsoluteUri} (HTTP 404): {key} is not published (not uploaded yet, or {key.Symbol} did not trade then, or the symbol is spelled otherwise: the archive uses upper case, e.g. BTCUSDT)");
        }

        var text = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        _counters.UpstreamBytes(Id, text.Length);
        return BinanceChecksum.Parse(text.AsSpan(0, Math.Min(text.Length, 4096)), file.ZipName, out var problem)
            ?? throw Errors.InvalidFile(key, file.Checksum.AbsoluteUri, problem, 1, null, null, final: false);
    }

    /// <summary>One GET, counted; success or 404 is returned, 400/401/403 throw permanently, anything else is retried.</summary>
    private async Task<HttpResponseMessage> GetAsync(ChunkKey key, Uri url, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        _counters.UpstreamResponse(Id, status, _time.GetElapsedTime(started));
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw Errors.Refused(key, response.StatusCode, $"the archive refused {url.AbsoluteUri}. Check BinancePublicDataOptions.Endpoint, the exchange, data type and symbol");
            }

            throw new SourceTransientException(status, HttpRetryAfter.Of(response, _time), key.ToString());
        }
    }
}
