namespace TickCache;

/// <summary>
/// The Tardis.dev dataset type ids, spelled exactly as the datasets API and its CSV files spell them
/// (note the case of <see cref="IncrementalBookL2"/>).
/// </summary>
/// <remarks>
/// Every id is decoded into typed columns (see <see cref="TickBatch"/> and its typed views). Thread-safe (constants only).
/// </remarks>
public static class TardisDataTypes
{
    /// <summary><c>trades</c>: individual trades (columns <c>id, side, price, amount</c>).</summary>
    public const string Trades = "trades";

    /// <summary><c>incremental_book_L2</c>: order-book snapshots and updates.</summary>
    public const string IncrementalBookL2 = "incremental_book_L2";

    /// <summary><c>book_snapshot_25</c>: top 25 levels of the book.</summary>
    public const string BookSnapshot25 = "book_snapshot_25";

    /// <summary><c>book_snapshot_5</c>: top 5 levels of the book.</summary>
    public const string BookSnapshot5 = "book_snapshot_5";

    /// <summary><c>quotes</c>: best bid and ask.</summary>
    public const string Quotes = "quotes";

    /// <summary><c>book_ticker</c>: exchange-native best bid and ask.</summary>
    public const string BookTicker = "book_ticker";

    /// <summary><c>derivative_ticker</c>: funding rate, open interest, mark and index prices.</summary>
    public const string DerivativeTicker = "derivative_ticker";

    /// <summary><c>liquidations</c>: forced liquidation orders.</summary>
    public const string Liquidations = "liquidations";

    /// <summary><c>options_chain</c>: option quotes and greeks.</summary>
    public const string OptionsChain = "options_chain";

    /// <summary>
    /// <c>agg_trades</c>: aggregated trades (one taker order filled at one price) with the <c>trades</c> columns plus
    /// <c>first_trade_id</c> and <c>last_trade_id</c>. Not a Tardis dataset: served by
    /// <see cref="TickSources.BinancePublicData"/> from Binance's <c>aggTrades</c> files; read as <see cref="TradeBatch"/>.
    /// </summary>
    public const string AggTrades = "agg_trades";

    /// <summary>Every Tardis dataset type id, in the order of the Tardis documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Trades, IncrementalBookL2, BookSnapshot25, BookSnapshot5, Quotes, BookTicker, DerivativeTicker, Liquidations, OptionsChain,
    ];

    /// <summary>The data types this version can decode and cache: every Tardis dataset type, then <see cref="AggTrades"/>. Each source serves a subset.</summary>
    public static IReadOnlyList<string> Supported { get; } = [.. All, AggTrades];
}
