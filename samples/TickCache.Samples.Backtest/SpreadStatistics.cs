using System.Globalization;

namespace TickCache.Samples.Backtest;

/// <summary>Quoted spread per UTC day from best bid/ask quotes: count, mean and max in basis points of the mid, time share of a one-tick book.</summary>
internal sealed class SpreadStatistics
{
    private readonly SortedDictionary<DateTime, (long Quotes, double SumBps, double MaxBps, long Tight)> _days = [];

    public void Add(QuoteBatch quotes)
    {
        var asks = quotes.AskPrices.Span;
        var bids = quotes.BidPrices.Span;
        var day = quotes.Batch.ChunkStartUtc;
        var (n, sum, max, tight) = _days.GetValueOrDefault(day);
        var tick = double.MaxValue; // the smallest positive spread seen: the tick size, in practice
        for (var i = 0; i < quotes.Batch.Count; i++)
        {
            if (asks[i] > bids[i])
            {
                tick = Math.Min(tick, asks[i] - bids[i]);
            }
        }

        for (var i = 0; i < quotes.Batch.Count; i++)
        {
            if (double.IsNaN(asks[i]) || double.IsNaN(bids[i]) || asks[i] <= bids[i])
            {
                continue;
            }

            var spread = asks[i] - bids[i];
            var bps = spread / ((asks[i] + bids[i]) / 2) * 10_000;
            n++;
            sum += bps;
            max = Math.Max(max, bps);
            tight += spread <= tick * 1.0000001 ? 1 : 0;
        }

        _days[day] = (n, sum, max, tight);
    }

    public void Print()
    {
        foreach (var (day, (n, sum, max, tight)) in _days.Where(d => d.Value.Quotes > 0))
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "quotes {0:yyyy-MM-dd}: quotes={1} mean_spread_bps={2:0.0000} max_spread_bps={3:0.0000} one_tick_share={4:0.000}", day, n, sum / n, max, (double)tight / n));
        }
    }
}
