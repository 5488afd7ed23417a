using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TickCache.Diagnostics;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Sources.Tardis;

/// <summary>
/// The Tardis datasets API as a source. Grid: one file per UTC day and dataset symbol. Partition timestamp:
/// <c>local_timestamp</c> (a day's file holds the rows that arrived at Tardis' collector on that UTC day, ordered by it).
/// One attempt is <c>GET {endpoint}/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c> with
/// <c>Authorization: Bearer</c> except on the first day of a month (free), decoded and validated while streaming.
/// 400/401/403/404 throw <see cref="UpstreamRequestException"/>; 429 and other statuses throw
/// <see cref="SourceTransientException"/> for the pipeline to retry. Finality from <c>datasets.exportedUntil</c>,
/// availability and incidents from <c>{metadata}/exchanges/{exchange}</c> (cached 5 minutes), instrument definitions from
/// <c>{metadata}/instruments/{exchange}</c>. Thread-safe.
/// </summary>
internal sealed class TardisDatasetsSource : ITickSource, IDisposable
{
    /// <summary>The source id (part of every chunk key; pinned by golden tests).</summary>
    public const string SourceId = TickSources.TardisDatasets;

    /// <summary>Tardis grouped symbols: one file with every instrument of a kind, each row naming its own symbol.</summary>
    public static readonly IReadOnlySet<string> GroupedSymbols = new HashSet<string>(StringComparer.Ordinal) { "PERPETUALS", "FUTURES", "OPTIONS", "SPOT" };

    private readonly HttpClient _http;
    private readonly string _datasets;
    private readonly TardisMetadataHttp _metadataHttp;
    private readonly TardisInstrumentListing _instruments;
    private readonly string? _apiKey;
    private readonly CacheCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MetadataCache _metadata;
    private readonly TardisFinality _finality;
    private readonly TardisAvailability _availability;
    private readonly bool _validate;

    public TardisDatasetsSource(HttpClient http, Uri datasetsEndpoint, TardisMetadataHttp metadata, string? apiKey, TimeSpan finalizationDelay, bool validateWithMetadata, TardisInstrumentListing instruments, CacheCounters counters, TimeProvider time, ILogger logger)
    {
        _http = http;
        _datasets = datasetsEndpoint.AbsoluteUri.TrimEnd('/');
        _metadataHttp = metadata;
        _instruments = instruments;
        _apiKey = apiKey;
        _counters = counters;
        _time = time;
        _logger = logger;
        _metadata = new MetadataCache(GetMetadataAsync, time, logger);
        _finality = new TardisFinality(_metadata, finalizationDelay, time, logger);
        _availability = new TardisAvailability(_metadata);
        _validate = validateWithMetadata;
    }

    /// <summary>The source for <paramref name="options"/> (its Tardis settings, attempt timeout and clock), its instrument definitions kept in <paramref name="documents"/>.</summary>
    public static TardisDatasetsSource Create(HttpClient http, TickCacheOptions options, string? apiKey, MetadataDocuments documents, CacheCounters counters, ILogger logger)
    {
        var time = options.TimeProvider;
        var metadata = new TardisMetadataHttp(http, options.MetadataEndpoint, options.AttemptTimeout, counters, time);
        var instruments = new TardisInstrumentListing(metadata, apiKey, documents, options.InstrumentsRefreshInterval, time, logger);
        return new TardisDatasetsSource(http, options.DatasetsEndpoint, metadata, apiKey, options.FinalizationDelay, options.ValidateWithMetadata, instruments, counters, time, logger);
    }

    public string Id => SourceId;

    /// <summary>The cache root: the files of this, the first source, were there before sources became several.</summary>
    public string CacheFolder => string.Empty;

    public IReadOnlyCollection<string> DataTypes => TardisDataTypes.All;

    public string PartitionColumn => "local_timestamp"; // the Tardis rule: a day's file holds the rows that arrived that day

    public SourceLimits? Limits => null; // the client's options: they are documented for this API

    public IReadOnlyList<ChunkKey> Plan(TickQuery query, Func<ChunkKey, bool> isStored) =>
        DayGrid.Plan(SourceId, query.Exchange, query.DataType, query.Symbols, query.FromUtc, query.ToUtc, CacheFolder);

    public Task<bool> IsFinalAsync(ChunkKey key, CancellationToken cancellationToken) => _finality.IsFinalAsync(key, cancellationToken);

    public Task<ChunkAvailability> CheckAvailabilityAsync(ChunkKey key, CancellationToken cancellationToken) =>
        _validate ? _availability.CheckAsync(key, cancellationToken) : Task.FromResult(ChunkAvailability.Yes);

    public async Task<IReadOnlyList<KnownGap>> GetKnownGapsAsync(TickQuery query, CancellationToken cancellationToken)
    {
        var result = await _metadata.GetAsync(query.Exchange, cancellationToken).ConfigureAwait(false);
        var gaps = result.Metadata?.Incidents.Where(i => i.FromUtc < query.ToUtc && i.ToUtc > query.FromUtc).ToList() ?? [];
        foreach (var symbol in query.Symbols)
        {
            gaps.AddRange(TardisAvailability.Unpublished(result.Metadata, query, symbol));
        }

        return [.. gaps.OrderBy(g => g.FromUtc)];
    }

    /// <summary>From the exchange metadata (cached 5 minutes); null when it cannot be read.</summary>
    public async Task<IReadOnlyList<SymbolInfo>?> GetSymbolsAsync(string exchange, CancellationToken cancellationToken)
    {
        var result = await _metadata.GetAsync(exchange, cancellationToken).ConfigureAwait(false);
        return !result.Known ? null
            : result.Metadata is not { } metadata ? []
            : [.. metadata.Symbols.Values.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new SymbolInfo(s.Id, s.DataTypes, s.AvailableSince, s.AvailableTo))];
    }

    /// <summary><c>GET {metadata}/exchanges</c> (no key needed), read fresh each call; null when it cannot be read now (logged).</summary>
    public async Task<IReadOnlyList<ExchangeInfo>?> GetExchangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GetJsonAsync("exchanges", ExchangeMetadata.ParseList, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Log.MetadataUnavailable(_logger, "(all exchanges)", e.Message);
            return null;
        }
    }

    /// <summary>The instruments API's definitions (<see cref="TardisInstrumentListing"/>: stored in the cache, refreshed on an interval, needs the key).</summary>
    public async Task<IReadOnlyList<Instrument>?> GetInstrumentsAsync(string exchange, CancellationToken cancellationToken) =>
        await _instruments.GetAsync(exchange, cancellationToken).ConfigureAwait(false);

    public Uri UrlOf(ChunkKey key) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"{_datasets}/{key.Exchange}/{key.DataType}/{key.StartUtc:yyyy}/{key.StartUtc:MM}/{key.StartUtc:dd}/{Uri.EscapeDataString(key.Symbol)}.csv.gz"));

    public async Task<ChunkColumns> FetchAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var url = UrlOf(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var keySent = _apiKey is not null && key.StartUtc.Day != 1;
        if (keySent)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        Log.Fetching(_logger, key.ToString(), url.AbsoluteUri);
        using var span = Spans.Fetch(Id, key.ToString(), url);
        var started = _time.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        _counters.UpstreamResponse(Id, status, _time.GetElapsedTime(started));
        span?.SetTag("http.response.status_code", status);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            throw Errors.Refused(key, response.StatusCode, TardisErrors.RefusedHint(key, response.StatusCode, keySent));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SourceTransientException(status, HttpRetryAfter.Of(response, _time), key.ToString());
        }

        var expected = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = FileOf(key, url.AbsoluteUri);
            var (columns, bytes) = await CsvChunkDecoder.DecodeAsync(body, file, expected ?? 0, cancellationToken).ConfigureAwait(false);
            _counters.UpstreamBytes(Id, bytes);
            span?.SetTag("tickcache.bytes", bytes).SetTag("tickcache.rows", columns.Count);
            if (expected is { } length && length != bytes)
            {
                throw Errors.Truncated(key, bytes, length);
            }

            return columns;
        }
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _instruments.Dispose();
    }

    /// <summary>How the decoder reads a Tardis file of <paramref name="key"/>: any symbol in a grouped-symbol file, rows filed by <c>local_timestamp</c>.</summary>
    public static CsvChunkFile FileOf(ChunkKey key, string description, bool final = false) =>
        new(key, description, GroupedSymbols.Contains(key.Symbol), DatasetSymbol, "local_timestamp", final);

    /// <summary>The Tardis dataset id of an exchange symbol: upper case, <c>/</c> and <c>:</c> written as <c>-</c>.</summary>
    public static string DatasetSymbol(string symbol) => symbol.ToUpperInvariant().Replace('/', '-').Replace(':', '-');

    /// <summary>Reads <c>{metadata}/exchanges/{exchange}</c>; null when the exchange is unknown (404). Throws on other HTTP or JSON failures.</summary>
    private Task<ExchangeMetadata?> GetMetadataAsync(string exchange, CancellationToken cancellationToken) =>
        GetJsonAsync($"exchanges/{exchange}", root => ExchangeMetadata.Parse(exchange, root), cancellationToken);

    /// <summary>One metadata API document, parsed; default (null) on a 404. Throws on any other failure.</summary>
    private async Task<T?> GetJsonAsync<T>(string path, Func<JsonElement, T> parse, CancellationToken cancellationToken)
        where T : class
    {
        var (status, body) = await _metadataHttp.GetAsync(path, bearer: null, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if ((int)status is < 200 or > 299)
        {
            throw new HttpRequestException($"HTTP {(int)status} from {_metadataHttp.UrlOf(path)}", null, status);
        }

        using var json = JsonDocument.Parse(body);
        return parse(json.RootElement);
    }
}
