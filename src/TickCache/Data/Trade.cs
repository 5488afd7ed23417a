namespace TickCache;

/// <summary>
/// One trade, a row of the Tardis <c>trades</c> dataset. A convenience view produced by
/// <see cref="TickCacheClient.GetTradesAsync"/>; the columnar <see cref="TradeBatch"/> is the fast path.
/// </summary>
/// <param name="Exchange">Tardis exchange id (column <c>exchange</c>), e.g. <c>binance-futures</c>.</param>
/// <param name="Symbol">Dataset symbol id (column <c>symbol</c>), e.g. <c>BTCUSDT</c>.</param>
/// <param name="Timestamp">Exchange time, µs since the Unix epoch, UTC (column <c>timestamp</c>).</param>
/// <param name="LocalTimestamp">Arrival time at the recorder, µs since the Unix epoch, UTC (column <c>local_timestamp</c>); may be earlier than <paramref name="Timestamp"/> when clocks are skewed.</param>
/// <param name="Id">Trade id exactly as the source wrote it (column <c>id</c>); empty when the exchange gave none.</param>
/// <param name="Side">Taker side (column <c>side</c>).</param>
/// <param name="Price">Price in quote currency per unit of base currency (column <c>price</c>).</param>
/// <param name="Amount">Traded quantity in base currency, or contracts for inverse instruments (column <c>amount</c>).</param>
public readonly record struct Trade(string Exchange, string Symbol, long Timestamp, long LocalTimestamp, string Id, TradeSide Side, double Price, double Amount)
{
    /// <summary><see cref="Timestamp"/> as a UTC <see cref="DateTime"/> (µs precision).</summary>
    public DateTime TimestampUtc => Planning.UnixMicros.ToDateTime(Timestamp);
}
