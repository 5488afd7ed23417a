namespace TickCache.Formats;

/// <summary>The nine Tardis dataset schemas, column for column as documented by Tardis (reference: shared tardis-api.md), and <c>agg_trades</c> (the <c>trades</c> columns plus the aggregate's first and last trade id).</summary>
internal static class DatasetSchemas
{
    private static readonly ColumnSpec Timestamp = new("timestamp", ColumnKind.Int64, Instant: true);
    private static readonly ColumnSpec LocalTimestamp = new("local_timestamp", ColumnKind.Int64, Instant: true);
    private static readonly ColumnSpec TradeSide = new("side", ColumnKind.Enum, ["buy", "sell", "unknown"], [1, 2, 0]);
    private static readonly ColumnSpec BookSide = new("side", ColumnKind.Enum, ["bid", "ask"], [1, 2]);
    private static readonly ColumnSpec OptionType = new("type", ColumnKind.Enum, ["call", "put"], [1, 2]);

    private static readonly Dictionary<string, DatasetSchema> All = new DatasetSchema[]
    {
        new(TardisDataTypes.Trades, [Timestamp, LocalTimestamp, new("id", ColumnKind.Id), TradeSide, D("price"), D("amount")]),
        new(TardisDataTypes.AggTrades,
        [
            Timestamp, LocalTimestamp, new("id", ColumnKind.Id), TradeSide, D("price"), D("amount"),
            new("first_trade_id", ColumnKind.Int64), new("last_trade_id", ColumnKind.Int64),
        ]),
        new(TardisDataTypes.Liquidations, [Timestamp, LocalTimestamp, new("id", ColumnKind.Id), TradeSide, D("price"), D("amount")]),
        new(TardisDataTypes.IncrementalBookL2, [Timestamp, LocalTimestamp, new("is_snapshot", ColumnKind.Bool), BookSide, D("price"), D("amount")]),
        new(TardisDataTypes.Quotes, [Timestamp, LocalTimestamp, D("ask_amount"), D("ask_price"), D("bid_price"), D("bid_amount")]),
        new(TardisDataTypes.BookTicker, [Timestamp, LocalTimestamp, D("ask_amount"), D("ask_price"), D("bid_price"), D("bid_amount")]),
        new(TardisDataTypes.DerivativeTicker,
        [
            Timestamp, LocalTimestamp, new("funding_timestamp", ColumnKind.Int64, Optional: true, Instant: true), D("funding_rate"), D("predicted_funding_rate"),
            D("open_interest"), D("last_price"), D("index_price"), D("mark_price"),
        ]),
        new(TardisDataTypes.BookSnapshot5, [Timestamp, LocalTimestamp, .. Levels(5)]),
        new(TardisDataTypes.BookSnapshot25, [Timestamp, LocalTimestamp, .. Levels(25)]),
        new(TardisDataTypes.OptionsChain,
        [
            Timestamp, LocalTimestamp, OptionType, D("strike_price"), new("expiration", ColumnKind.Int64, Optional: true, Instant: true), D("open_interest"),
            D("last_price"), D("bid_price"), D("bid_amount"), D("bid_iv"), D("ask_price"), D("ask_amount"), D("ask_iv"), D("mark_price"), D("mark_iv"),
            new("underlying_index", ColumnKind.Text), D("underlying_price"), D("delta"), D("gamma"), D("vega"), D("theta"), D("rho"),
        ]),
    }.ToDictionary(s => s.DataType, StringComparer.Ordinal);

    public static DatasetSchema For(string dataType) =>
        All.TryGetValue(dataType, out var schema) ? schema : throw new ArgumentException($"No schema for data type '{dataType}'.", nameof(dataType));

    private static ColumnSpec D(string name) => new(name, ColumnKind.Double);

    /// <summary>Snapshot level columns: <c>asks[i].price, asks[i].amount, bids[i].price, bids[i].amount</c> for i = 0..n-1.</summary>
    private static IEnumerable<ColumnSpec> Levels(int n) =>
        Enumerable.Range(0, n).SelectMany(i => new[] { D($"asks[{i}].price"), D($"asks[{i}].amount"), D($"bids[{i}].price"), D($"bids[{i}].amount") });
}
