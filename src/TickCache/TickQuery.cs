using TickCache.Planning;
using TickCache.Validation;

namespace TickCache;

/// <summary>
/// What a backtest asks for: one dataset type of one or more symbols on one exchange of one source over the half-open
/// UTC range <c>[FromUtc, ToUtc)</c>. Immutable and thread-safe; validated completely by its constructor (and
/// <see cref="Source"/> by its initializer), before any tier or the network is touched.
/// </summary>
/// <remarks>
/// <para>
/// <b>Range semantics.</b> Rows are selected by the source's <i>partition timestamp</i>: the column whose UTC day
/// decides the file a row lives in. For the Tardis datasets API that is <c>local_timestamp</c> (arrival at Tardis'
/// collector, µs since the Unix epoch, UTC): a day's file holds the rows that arrived on that day. A row is returned
/// exactly when <c>FromUtc ≤ partition timestamp &lt; ToUtc</c>, in the source's order (Tardis: by
/// <c>local_timestamp</c>). So adjacent queries partition the rows: every row is in exactly one of <c>[a, b)</c> and
/// <c>[b, c)</c>, and <c>[a, c)</c> returns their concatenation. A row's exchange <c>timestamp</c> may lie outside the
/// range (a trade at 23:59:59.998 exchange time that arrived at 00:00:00.003 belongs to the next day); selection by
/// exchange <c>timestamp</c> is not offered, filter the returned rows by <see cref="TickBatch.Timestamps"/> and query a
/// slightly wider range if you need it.
/// </para>
/// <para>
/// Days inside the range that the source does not publish (before the symbol's first day, after its last) yield no
/// rows and are counted as gaps; a range with no published day fails with <see cref="DataNotAvailableException"/>.
/// </para>
/// </remarks>
public sealed class TickQuery
{
    private readonly string? _source;

    /// <summary>
    /// Creates a validated query.
    /// </summary>
    /// <param name="exchange">Tardis exchange id, e.g. <c>binance-futures</c> or <c>deribit</c>: lower-case letters, digits and <c>-</c>.</param>
    /// <param name="dataType">Tardis dataset type id; see <see cref="TardisDataTypes.Supported"/>.</param>
    /// <param name="symbol">Dataset symbol id, e.g. <c>BTCUSDT</c> (upper-cased here): letters, digits, <c>-</c>, <c>_</c>, <c>.</c>.</param>
    /// <param name="fromUtc">Inclusive start; <see cref="DateTimeKind.Utc"/>; not <c>default</c>.</param>
    /// <param name="toUtc">Exclusive end; <see cref="DateTimeKind.Utc"/>; after <paramref name="fromUtc"/>.</param>
    /// <exception cref="ArgumentNullException">A string argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A string is empty, whitespace or holds characters outside its rule (path characters such as <c>/</c>, <c>\</c>,
    /// <c>..</c>, NUL or control characters are never accepted); the data type is not a Tardis id or not supported yet;
    /// an instant is not <see cref="DateTimeKind.Utc"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An instant is <c>default</c> or <paramref name="fromUtc"/> ≥ <paramref name="toUtc"/>.</exception>
    public TickQuery(string exchange, string dataType, string symbol, DateTime fromUtc, DateTime toUtc)
        : this(exchange, dataType, [symbol], fromUtc, toUtc)
    {
    }

    /// <summary>
    /// Creates a validated query over several symbols of one exchange and data type. Their rows are merged per UTC day
    /// by <c>local_timestamp</c> (stable: equal times keep this symbol order); each row keeps its own symbol.
    /// </summary>
    /// <param name="exchange">Tardis exchange id.</param>
    /// <param name="dataType">Tardis dataset type id.</param>
    /// <param name="symbols">1..64 distinct dataset symbol ids (same rules as the single-symbol constructor), or a grouped symbol such as <c>PERPETUALS</c>.</param>
    /// <param name="fromUtc">Inclusive start; <see cref="DateTimeKind.Utc"/>.</param>
    /// <param name="toUtc">Exclusive end; <see cref="DateTimeKind.Utc"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for the single-symbol constructor; or no symbol, more than 64, or a duplicate.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An instant is <c>default</c> or <paramref name="fromUtc"/> ≥ <paramref name="toUtc"/>.</exception>
    public TickQuery(string exchange, string dataType, IEnumerable<string> symbols, DateTime fromUtc, DateTime toUtc)
    {
        Exchange = QueryValidation.Exchange(exchange);
        DataType = QueryValidation.DataType(dataType);
        Symbols = QueryValidation.Symbols(symbols);
        QueryValidation.Range(fromUtc, toUtc);
        FromUtc = fromUtc;
        ToUtc = toUtc;
    }

    /// <summary>
    /// A query of one instrument — its exchange and dataset symbol, e.g. from
    /// <see cref="TickCacheClient.ResolveInstrumentAsync"/> of a canonical id such as <c>BTC-USD-PERP@deribit</c> — so a
    /// backtest can name instruments instead of venue symbols.
    /// </summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="dataType">Tardis dataset type id.</param>
    /// <param name="fromUtc">Inclusive start; <see cref="DateTimeKind.Utc"/>.</param>
    /// <param name="toUtc">Exclusive end; <see cref="DateTimeKind.Utc"/>.</param>
    /// <returns>The validated query (default source; set <see cref="Source"/> for another).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> or <paramref name="dataType"/> is null.</exception>
    /// <exception cref="ArgumentException">As for the constructor.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for the constructor.</exception>
    public static TickQuery For(Instrument instrument, string dataType, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new TickQuery(instrument.Exchange, dataType, instrument.Symbol, fromUtc, toUtc);
    }

    /// <summary>
    /// The source to read from, one of <see cref="TickSources"/>, or <see langword="null"/> (the default) for the
    /// client's default source, the first one it builds (<see cref="TickSources.TardisDatasets"/>). Part of every cache
    /// key. The client checks that it has the source and that the source serves <see cref="DataType"/> (an
    /// <see cref="ArgumentException"/> before any batch otherwise).
    /// </summary>
    /// <exception cref="ArgumentException">Set to an empty or ill-formed id (lower-case letters, digits and <c>-</c>).</exception>
    public string? Source
    {
        get => _source;
        init => _source = value is null ? null : QueryValidation.SourceId(value);
    }

    /// <summary>Exchange id of the source, e.g. <c>binance-futures</c>.</summary>
    public string Exchange { get; }

    /// <summary>Tardis dataset type id, e.g. <c>trades</c>.</summary>
    public string DataType { get; }

    /// <summary>The first (for a single-symbol query, the only) upper-case dataset symbol id, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol => Symbols[0];

    /// <summary>The upper-case dataset symbol ids, in the order given (merge ties follow it).</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Inclusive start of the range (UTC).</summary>
    public DateTime FromUtc { get; }

    /// <summary>Exclusive end of the range (UTC).</summary>
    public DateTime ToUtc { get; }

    /// <summary>Length of the range.</summary>
    public TimeSpan Length => ToUtc - FromUtc;

    /// <summary>Inclusive start as µs since the Unix epoch (UTC), the unit of the partition timestamp.</summary>
    public long FromMicros => UnixMicros.From(FromUtc);

    /// <summary>Exclusive end as µs since the Unix epoch (UTC).</summary>
    public long ToMicros => UnixMicros.From(ToUtc);

    /// <inheritdoc />
    public override string ToString() => Source is null ? Describe() : $"{Source}: {Describe()}";

    /// <summary>The query without its source: <c>exchange dataType symbols [from, to)</c>, for messages.</summary>
    internal string Describe() => $"{Exchange} {DataType} {string.Join('+', Symbols)} [{FromUtc:yyyy-MM-ddTHH:mm:ss.FFFFFFZ}, {ToUtc:yyyy-MM-ddTHH:mm:ss.FFFFFFZ})";
}
