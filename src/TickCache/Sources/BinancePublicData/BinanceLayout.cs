namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// The file of one data type in one market of the archive: its name in the URL, whether it comes as daily and/or monthly
/// files, and its columns in order with their mapping onto the shared schema. Source: the binance-public-data README
/// and the shared reference binance-public-data.md (column lists; <c>side</c> = <c>sell</c> when the buyer is the maker;
/// bookTicker <c>timestamp</c> = <c>transaction_time</c>, <c>local_timestamp</c> = <c>event_time</c>; no arrival time
/// in trades, so <c>local_timestamp</c> = the trade time). Immutable.
/// </summary>
/// <param name="DataType">The shared data type id, e.g. <c>quotes</c>.</param>
/// <param name="FileType">The archive's data type in the URL and file name, e.g. <c>bookTicker</c>.</param>
/// <param name="Daily">Whether daily files exist.</param>
/// <param name="Monthly">Whether monthly files exist.</param>
/// <param name="Columns">The CSV columns in file order.</param>
internal sealed record BinanceLayout(string DataType, string FileType, bool Daily, bool Monthly, IReadOnlyList<BinanceColumn> Columns)
{
    private static readonly BinanceColumn IsBuyerMaker = new("is_buyer_maker", BinanceCell.Side, "side");
    private static readonly BinanceColumn IsBestMatch = new("is_best_match", BinanceCell.DroppedBool);

    /// <summary>The header line the file has (when it has one).</summary>
    public string Header => string.Join(',', Columns.Select(c => c.Name));

    /// <summary>Every layout, built once on first use (after the column arrays below are initialized): per market kind, per shared data type.</summary>
    private static readonly Lazy<Dictionary<(BinanceMarketKind, string), BinanceLayout>> Layouts = new(() =>
        (from kind in Enum.GetValues<BinanceMarketKind>()
         from type in TardisDataTypes.Supported
         let layout = Build(kind, type)
         where layout is not null
         select (kind, type, layout)).ToDictionary(x => (x.kind, x.type), x => x.layout!));

    /// <summary>The data types the archive has for a market kind (futures only: <c>quotes</c> and <c>derivative_ticker</c>), in the shared order.</summary>
    public static IReadOnlyList<string> DataTypesOf(BinanceMarketKind kind) => [.. TardisDataTypes.Supported.Where(t => Layouts.Value.ContainsKey((kind, t)))];

    /// <summary>The layout of a data type in a market kind, or null when the archive has no such files.</summary>
    public static BinanceLayout? Of(BinanceMarketKind kind, string dataType) => Layouts.Value.GetValueOrDefault((kind, dataType));

    private static BinanceLayout? Build(BinanceMarketKind kind, string dataType) => dataType switch
    {
        TardisDataTypes.Trades => new(dataType, "trades", true, true, Trades(kind)),
        TardisDataTypes.AggTrades => new(dataType, "aggTrades", true, true, AggTrades(kind)),
        TardisDataTypes.Quotes when kind != BinanceMarketKind.Spot => new(dataType, "bookTicker", true, false, BookTicker),
        TardisDataTypes.DerivativeTicker when kind != BinanceMarketKind.Spot => new(dataType, "fundingRate", false, true, FundingRate),
        _ => null,
    };

    private static BinanceColumn[] Trades(BinanceMarketKind kind) =>
    [
        new("id", BinanceCell.Id, "id"),
        new("price", BinanceCell.Double, "price"),
        new("qty", BinanceCell.Double, "amount"), // COIN-M: contracts, as the exchange counts them
        kind == BinanceMarketKind.CoinM ? new("base_qty", BinanceCell.DroppedNumber) : new("quote_qty", BinanceCell.DroppedNumber),
        new("time", BinanceCell.Time, "timestamp", "local_timestamp"),
        IsBuyerMaker,
        .. kind == BinanceMarketKind.Spot ? new[] { IsBestMatch } : [],
    ];

    private static BinanceColumn[] AggTrades(BinanceMarketKind kind) =>
    [
        new("agg_trade_id", BinanceCell.Id, "id"),
        new("price", BinanceCell.Double, "price"),
        new("quantity", BinanceCell.Double, "amount"),
        new("first_trade_id", BinanceCell.Int64, "first_trade_id"),
        new("last_trade_id", BinanceCell.Int64, "last_trade_id"),
        new("transact_time", BinanceCell.Time, "timestamp", "local_timestamp"),
        IsBuyerMaker,
        .. kind == BinanceMarketKind.Spot ? new[] { IsBestMatch } : [],
    ];

    private static readonly BinanceColumn[] BookTicker =
    [
        new("update_id", BinanceCell.DroppedNumber),
        new("best_bid_price", BinanceCell.Double, "bid_price"),
        new("best_bid_qty", BinanceCell.Double, "bid_amount"),
        new("best_ask_price", BinanceCell.Double, "ask_price"),
        new("best_ask_qty", BinanceCell.Double, "ask_amount"),
        new("transaction_time", BinanceCell.Time, "timestamp"),
        new("event_time", BinanceCell.Time, "local_timestamp"),
    ];

    private static readonly BinanceColumn[] FundingRate =
    [
        new("calc_time", BinanceCell.Time, "timestamp", "local_timestamp", "funding_timestamp"),
        new("funding_interval_hours", BinanceCell.DroppedNumber),
        new("last_funding_rate", BinanceCell.Double, "funding_rate"),
    ];
}
