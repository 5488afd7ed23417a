namespace TickCache;

/// <summary>One row of <c>derivative_ticker</c>. NaN = the exchange gave no value; <see cref="FundingTimestamp"/> is <see cref="TickBatch.MissingInt64"/> when missing.</summary>
/// <param name="Exchange">Tardis exchange id (column <c>exchange</c>), e.g. <c>binance-futures</c>.</param>
/// <param name="Symbol">Dataset symbol (column <c>symbol</c>).</param>
/// <param name="Timestamp">Exchange time, µs since the Unix epoch, UTC.</param>
/// <param name="LocalTimestamp">Arrival time, µs since the Unix epoch, UTC.</param>
/// <param name="FundingTimestamp">Next funding time, µs since the Unix epoch, UTC.</param>
/// <param name="FundingRate">Current funding rate (fraction per funding period).</param>
/// <param name="PredictedFundingRate">Predicted next funding rate.</param>
/// <param name="OpenInterest">Open interest as the exchange reports it.</param>
/// <param name="LastPrice">Last traded price.</param>
/// <param name="IndexPrice">Index price.</param>
/// <param name="MarkPrice">Mark price.</param>
public readonly record struct DerivativeTicker(
    string Exchange, string Symbol, long Timestamp, long LocalTimestamp, long FundingTimestamp, double FundingRate, double PredictedFundingRate, double OpenInterest, double LastPrice, double IndexPrice, double MarkPrice)
{
    /// <summary><c>Timestamp</c> (exchange time) as a UTC <see cref="DateTime"/> (µs precision).</summary>
    public DateTime TimestampUtc => Planning.UnixMicros.ToDateTime(Timestamp);
}
