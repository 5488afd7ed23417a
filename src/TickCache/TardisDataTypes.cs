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

    /// <summary>Every Tardis dataset type id, in the order of the Tardis documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Trades, IncrementalBookL2, BookSnapshot25, BookSnapshot5, Quotes, BookTicker, DerivativeTicker, Liquidations, OptionsChain,
    ];

    /// <summary>The dataset types this version can decode and cache: all of them.</summary>
    public static IReadOnlyList<string> Supported { get; } = All;
}
