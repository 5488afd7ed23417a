using System.Globalization;

namespace TickCache.Samples.Backtest;

/// <summary>The funding-rate series from derivative tickers: one point per minute (the last update), with mark − index basis.</summary>
internal sealed class FundingSeries
{
    private readonly SortedDictionary<long, (double FundingRate, double MarkPrice, double IndexPrice, long NextFunding)> _minutes = [];

    public void Add(DerivativeTickerBatch tickers)
    {
        var ts = tickers.Batch.Timestamps.Span;
        var rates = tickers.FundingRates.Span;
        var marks = tickers.MarkPrices.Span;
        var indexes = tickers.IndexPrices.Span;
        var next = tickers.FundingTimestamps.Span;
        for (var i = 0; i < tickers.Batch.Count; i++)
        {
            if (!double.IsNaN(rates[i]))
            {
                _minutes[ts[i] - (ts[i] % 60_000_000)] = (rates[i], marks[i], indexes[i], next[i]);
            }
        }
    }

    public void Print()
    {
        foreach (var (minute, (rate, mark, index, next)) in _minutes)
        {
            var nextFunding = next == TickBatch.MissingInt64 ? "n/a" : DateTime.UnixEpoch.AddTicks(next * 10).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "funding {0:yyyy-MM-dd HH:mm}: rate={1:0.00000000} ({2:0.0000} % per 8 h) mark={3} index={4:0.00} basis_bps={5:0.000} next_funding={6}", DateTime.UnixEpoch.AddTicks(minute * 10), rate, rate * 100, mark, index, (mark - index) / index * 10_000, nextFunding));
        }
    }
}
