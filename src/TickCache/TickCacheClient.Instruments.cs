using TickCache.Sources;
using TickCache.Validation;

namespace TickCache;

/// <summary>Instrument definitions, canonical instrument ids, symbol listings, and streams merged across venues.</summary>
public sealed partial class TickCacheClient
{
    /// <summary>
    /// The definition of a venue's instrument from documented facts (currencies, kind, what <c>amount</c> counts,
    /// contract value), or null when TickCache has no established facts for it: Binance spot (<c>binance</c>), USD-M
    /// (<c>binance-futures</c>) and COIN-M (<c>binance-delivery</c>) from their contract specifications; no request is
    /// made. Every venue Tardis lists, with tick sizes, fees and their history: <see cref="GetInstrumentAsync"/>.
    /// </summary>
    /// <param name="exchange">The exchange id.</param>
    /// <param name="symbol">The dataset symbol (case-insensitive), e.g. <c>BTCUSD_PERP</c>.</param>
    /// <returns>The definition, or null.</returns>
    /// <exception cref="ArgumentException">The exchange id or symbol is not well formed.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Instrument? GetInstrument(string exchange, string symbol)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return InstrumentCatalog.Describe(QueryValidation.Exchange(exchange), QueryValidation.Symbol(symbol));
    }

    /// <summary>
    /// The instrument a canonical id names (<see cref="Instrument.CanonicalId"/>: <c>{BASE}-{QUOTE}-{SPOT|PERP|FUT-yyyyMMdd}@{exchange}</c>,
    /// e.g. <c>BTC-USD-PERP@binance-delivery</c>), so a query can name instruments instead of venue symbols:
    /// <c>new TickQuery(i.Exchange, TardisDataTypes.Trades, i.Symbol, …)</c>.
    /// </summary>
    /// <param name="canonicalId">The canonical id.</param>
    /// <returns>The instrument, or null when the id is not one or names no instrument TickCache knows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="canonicalId"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Instrument? ResolveInstrument(string canonicalId)
    {
        ArgumentNullException.ThrowIfNull(canonicalId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return InstrumentCatalog.Resolve(canonicalId);
    }

    /// <summary>
    /// The instrument definitions of an exchange from the Tardis instruments API (<c>{MetadataEndpoint}/instruments/{exchange}</c>,
    /// needs <see cref="TickCacheOptions.ApiKey"/>): currencies, kind, what <c>amount</c> counts (<see cref="Instrument.AmountUnit"/>,
    /// per venue as the README's units table states), tick sizes, fees and their history (<see cref="Instrument.Changes"/>).
    /// The full listing is read once per <see cref="TickCacheOptions.InstrumentsRefreshInterval"/> and kept in the cache
    /// folder, so later calls and later processes read it offline; a failed refresh serves the stored copy. The filter
    /// is applied to the listing here. Combos are not listed.
    /// </summary>
    /// <param name="exchange">The exchange id, e.g. <c>deribit</c>.</param>
    /// <param name="filter">Which instruments; null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The definitions in dataset-symbol order; empty for an exchange the API does not know.</returns>
    /// <exception cref="ArgumentException">The exchange id is not well formed.</exception>
    /// <exception cref="UpstreamRequestException">No API key is set and no copy is stored, or the API refused the key or the exchange.</exception>
    /// <exception cref="UpstreamUnavailableException">The API could not be read and no copy is stored.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public async Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(string exchange, InstrumentFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var listing = await _instruments.ListAsync(QueryValidation.Exchange(exchange), cancellationToken).ConfigureAwait(false) ?? [];
        return filter is null ? listing : [.. listing.Where(filter.Matches)];
    }

    /// <summary>
    /// The definition of one dataset symbol: the instruments API's (as <see cref="GetInstrumentsAsync"/>) when it can be
    /// read or is stored, else the documented facts of <see cref="GetInstrument"/> (Binance's markets, no key needed).
    /// </summary>
    /// <param name="exchange">The exchange id.</param>
    /// <param name="symbol">The dataset symbol (case-insensitive), e.g. <c>BTC-PERPETUAL</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The definition, or null when neither the API nor the facts know the symbol.</returns>
    /// <exception cref="ArgumentException">The exchange id or symbol is not well formed.</exception>
    /// <exception cref="UpstreamRequestException">As <see cref="GetInstrumentsAsync"/>, for a venue without documented facts.</exception>
    /// <exception cref="UpstreamUnavailableException">As <see cref="GetInstrumentsAsync"/>, for a venue without documented facts.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Task<Instrument?> GetInstrumentAsync(string exchange, string symbol, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _instruments.FindAsync(QueryValidation.Exchange(exchange), QueryValidation.Symbol(symbol).ToUpperInvariant(), cancellationToken);
    }

    /// <summary>
    /// The instrument a canonical id names (<see cref="Instrument.CanonicalId"/>), through the instruments API's listing
    /// where it can be had (every venue Tardis lists) and the documented facts otherwise (Binance's markets).
    /// </summary>
    /// <param name="canonicalId">The canonical id, e.g. <c>BTC-USD-PERP@deribit</c> (case-insensitive).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instrument.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="canonicalId"/> is null.</exception>
    /// <exception cref="ArgumentException">The id is not a canonical id, names no known instrument (the message names the nearest known ids), or names several.</exception>
    /// <exception cref="UpstreamRequestException">As <see cref="GetInstrumentsAsync"/>, for a venue without documented facts.</exception>
    /// <exception cref="UpstreamUnavailableException">As <see cref="GetInstrumentsAsync"/>, for a venue without documented facts.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Task<Instrument> ResolveInstrumentAsync(string canonicalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonicalId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _instruments.ResolveAsync(canonicalId, nameof(canonicalId), cancellationToken);
    }

    /// <summary>
    /// Streams several queries of one data type — e.g. the same instrument on several venues, or from several sources —
    /// as one stream in <c>local_timestamp</c> order: each yielded batch is a run of consecutive rows of one query (its
    /// exchange in <see cref="TickBatch.Exchange"/>, its symbols per row), no row copied. Rows with equal
    /// <c>local_timestamp</c> come in the order of <paramref name="queries"/>; each query's own order is kept. Each
    /// query goes through the tiers and single flight like a query of its own (each venue-day is its own chunk).
    /// Sources without arrival times (Binance public data) have <c>local_timestamp</c> = the exchange time.
    /// </summary>
    /// <param name="queries">Two or more queries of the same data type.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The merged batches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="queries"/> or one of them is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">The queries are of different data types, or one is invalid for this client (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="GetBatchesAsync"/>.</exception>
    public IAsyncEnumerable<TickBatch> GetMergedBatchesAsync(IReadOnlyList<TickQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0 || queries.Any(q => q is null) || queries.Select(q => q.DataType).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            throw new ArgumentException("GetMergedBatchesAsync needs one or more non-null queries of one data type (rows of different types have different columns).", nameof(queries));
        }

        var streams = queries.Select(q => GetBatchesAsync(q, cancellationToken)).ToList();
        return Pipeline.StreamMerger.MergeAsync(streams, cancellationToken);
    }

    /// <summary>
    /// The exchanges a source lists (Tardis: <c>/v1/exchanges</c> of the metadata API, one request per call, no key; Binance
    /// public data: its three markets), or <see langword="null"/> when the source has no listing (a local archive) or its
    /// listing cannot be read now (logged).
    /// </summary>
    /// <param name="source">The source id (<see cref="TickSources"/>); null for the client's default source.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The exchanges in id order, or null.</returns>
    /// <exception cref="ArgumentException">The client has no such source.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Task<IReadOnlyList<ExchangeInfo>?> GetExchangesAsync(string? source = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return SourceById(source ?? _defaultSource).Source.GetExchangesAsync(cancellationToken);
    }

    /// <summary>
    /// The symbols a source lists for an exchange, with their data types and dates (Tardis: from the exchange metadata,
    /// one request per exchange per 5 minutes), or <see langword="null"/> when the source has no listing (Binance public
    /// data, a local archive) or its metadata cannot be read now.
    /// </summary>
    /// <param name="exchange">The exchange id.</param>
    /// <param name="source">The source id (<see cref="TickSources"/>); null for the client's default source.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The symbols in id order (empty for an exchange the source does not know), or null.</returns>
    /// <exception cref="ArgumentException">The exchange id is not well formed, or the client has no such source.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Task<IReadOnlyList<SymbolInfo>?> GetSymbolsAsync(string exchange, string? source = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        QueryValidation.Exchange(exchange);
        return SourceById(source ?? _defaultSource).Source.GetSymbolsAsync(exchange, cancellationToken);
    }
}
