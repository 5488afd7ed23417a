namespace TickCache;

/// <summary>
/// The ids of the sources a <see cref="TickCacheClient"/> can read from, for <see cref="TickQuery.Source"/>. A source id
/// is part of every cache key: the same exchange, data type, symbol and day from two sources are two different chunks.
/// Public API (namespace <c>TickCache</c>), kept beside the sources it names so the core stays vendor-neutral.
/// Thread-safe (constants only).
/// </summary>
public static class TickSources
{
    /// <summary>
    /// <c>tardis-datasets</c>: the Tardis.dev datasets API (one gzip CSV per UTC day and symbol, rows filed by
    /// <c>local_timestamp</c>; configured by <see cref="TickCacheOptions.DatasetsEndpoint"/>,
    /// <see cref="TickCacheOptions.MetadataEndpoint"/> and <see cref="TickCacheOptions.ApiKey"/>). The client's default
    /// source (a query whose <see cref="TickQuery.Source"/> is <see langword="null"/>).
    /// </summary>
    public const string TardisDatasets = "tardis-datasets";

    /// <summary>
    /// <c>local-archive</c>: a folder of Tardis CSV files already on disk (<see cref="TickCacheOptions.LocalArchive"/>),
    /// one file per UTC day and symbol, rows filed by <c>local_timestamp</c>; read, validated and cached like a download,
    /// never modified; no rate limit, no request. A day without a file is not published (a gap). Final once the day has ended.
    /// </summary>
    public const string LocalArchive = "local-archive";

    /// <summary>
    /// <c>binance-public-data</c>: Binance's free public archive (data.binance.vision; no key), configured by
    /// <see cref="TickCacheOptions.BinancePublicData"/>. Exchanges <c>binance</c> (spot), <c>binance-futures</c> (USD-M)
    /// and <c>binance-delivery</c> (COIN-M); data types <c>trades</c>, <c>agg_trades</c> (Binance aggTrades),
    /// <c>quotes</c> (futures bookTicker: <c>timestamp</c> = transaction time, <c>local_timestamp</c> = event time) and
    /// <c>derivative_ticker</c> (futures fundingRate: <c>timestamp</c> = <c>local_timestamp</c> = <c>funding_timestamp</c>
    /// = the calculation time, only <c>funding_rate</c> set). The archive has <b>no arrival time</b>: for trades and
    /// aggTrades <c>local_timestamp</c> = <c>timestamp</c> (the trade time). Rows are filed, and ranges select, by
    /// <c>timestamp</c> (the trade / transaction / calculation time). Grid: a closed month the query covers is one
    /// monthly file, other days are daily files (see <see cref="BinancePublicDataOptions.UseMonthlyFiles"/>); every zip
    /// is checked against its <c>.CHECKSUM</c> (SHA-256) before anything of it is used. A file the archive does not have
    /// (HTTP 404: a day not yet uploaded, a symbol that did not trade) is a gap. <c>amount</c> is the file's
    /// <c>qty</c>: base currency on spot and USD-M, contracts on COIN-M.
    /// </summary>
    public const string BinancePublicData = "binance-public-data";
}
