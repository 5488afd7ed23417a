namespace TickCache.Samples.CrossExchange;

/// <summary>
/// One UTC day of a perpetual's derivative tickers: the funding rate's range and last value, the funding settlements
/// seen (a row's <c>funding_timestamp</c> moving forward means the previous one settled), the mark–index premium, and
/// the last open interest (NaN when the data has none).
/// </summary>
internal sealed class FundingDay
{
    private double _premiumSum;
    private int _premiumRows;
    private long _fundingTimestamp = long.MinValue;

    public int Rows { get; private set; }

    public double MinRate { get; private set; } = double.PositiveInfinity;

    public double MaxRate { get; private set; } = double.NegativeInfinity;

    public double LastRate { get; private set; } = double.NaN;

    public int Settlements { get; private set; }

    public double LastOpenInterest { get; private set; } = double.NaN;

    /// <summary>Mean of (mark / index − 1) in basis points over the rows that have both.</summary>
    public double MeanPremiumBps => _premiumRows > 0 ? _premiumSum / _premiumRows * 1e4 : double.NaN;

    public void Add(double fundingRate, long fundingTimestamp, double markPrice, double indexPrice, double openInterest)
    {
        Rows++;
        if (!double.IsNaN(fundingRate))
        {
            MinRate = Math.Min(MinRate, fundingRate);
            MaxRate = Math.Max(MaxRate, fundingRate);
            LastRate = fundingRate;
        }

        if (fundingTimestamp != TickBatch.MissingInt64 && fundingTimestamp > _fundingTimestamp)
        {
            Settlements += _fundingTimestamp == long.MinValue ? 0 : 1;
            _fundingTimestamp = fundingTimestamp;
        }

        if (markPrice > 0 && indexPrice > 0)
        {
            _premiumSum += (markPrice / indexPrice) - 1;
            _premiumRows++;
        }

        LastOpenInterest = double.IsNaN(openInterest) ? LastOpenInterest : openInterest;
    }
}
