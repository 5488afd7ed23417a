namespace TickCache;

/// <summary>One row of <c>quotes</c> / <c>book_ticker</c>: the best bid and ask. Prices in quote currency, amounts in base currency or contracts; NaN = missing.</summary>
/// <param name="Exchange">Tardis exchange id (column <c>exchange</c>), e.g. <c>binance-futures</c>.</param>
/// <param name="Symbol">Dataset symbol (column <c>symbol</c>).</param>
/// <param name="Timestamp">Exchange time, µs since the Unix epoch, UTC.</param>
/// <param name="LocalTimestamp">Arrival time, µs since the Unix epoch, UTC.</param>
/// <param name="AskAmount">Tardis <c>ask_amount</c>.</param>
/// <param name="AskPrice">Tardis <c>ask_price</c>.</param>
/// <param name="BidPrice">Tardis <c>bid_price</c>.</param>
/// <param name="BidAmount">Tardis <c>bid_amount</c>.</param>
public readonly record struct Quote(string Exchange, string Symbol, long Timestamp, long LocalTimestamp, double AskAmount, double AskPrice, double BidPrice, double BidAmount)
{
    /// <summary><c>Timestamp</c> (exchange time) as a UTC <see cref="DateTime"/> (µs precision).</summary>
    public DateTime TimestampUtc => Planning.UnixMicros.ToDateTime(Timestamp);
}
