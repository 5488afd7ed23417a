namespace TickCache;

/// <summary>One row of <c>options_chain</c>: an option's quote, implied volatilities and greeks. NaN = missing; <see cref="Expiration"/> is <see cref="TickBatch.MissingInt64"/> when missing.</summary>
/// <param name="Exchange">Tardis exchange id (column <c>exchange</c>), e.g. <c>binance-futures</c>.</param>
/// <param name="Symbol">The option's instrument (column <c>symbol</c>).</param>
/// <param name="Timestamp">Exchange time, µs since the Unix epoch, UTC.</param>
/// <param name="LocalTimestamp">Arrival time, µs since the Unix epoch, UTC.</param>
/// <param name="Type">Call or put.</param>
/// <param name="StrikePrice">Strike price.</param>
/// <param name="Expiration">Expiry, µs since the Unix epoch, UTC.</param>
/// <param name="OpenInterest">Open interest.</param>
/// <param name="LastPrice">Last price.</param>
/// <param name="BidPrice">Best bid price.</param>
/// <param name="BidAmount">Best bid amount.</param>
/// <param name="BidIv">Best bid implied volatility.</param>
/// <param name="AskPrice">Best ask price.</param>
/// <param name="AskAmount">Best ask amount.</param>
/// <param name="AskIv">Best ask implied volatility.</param>
/// <param name="MarkPrice">Mark price.</param>
/// <param name="MarkIv">Mark implied volatility.</param>
/// <param name="UnderlyingIndex">Underlying index name.</param>
/// <param name="UnderlyingPrice">Underlying price.</param>
/// <param name="Delta">Delta.</param>
/// <param name="Gamma">Gamma.</param>
/// <param name="Vega">Vega.</param>
/// <param name="Theta">Theta.</param>
/// <param name="Rho">Rho.</param>
public sealed record OptionQuote(
    string Exchange, string Symbol, long Timestamp, long LocalTimestamp, OptionType Type, double StrikePrice, long Expiration, double OpenInterest, double LastPrice,
    double BidPrice, double BidAmount, double BidIv, double AskPrice, double AskAmount, double AskIv, double MarkPrice, double MarkIv,
    string UnderlyingIndex, double UnderlyingPrice, double Delta, double Gamma, double Vega, double Theta, double Rho)
{
    /// <summary><c>Timestamp</c> (exchange time) as a UTC <see cref="DateTime"/> (µs precision).</summary>
    public DateTime TimestampUtc => Planning.UnixMicros.ToDateTime(Timestamp);
}
