using System.Globalization;

namespace TickCache.Samples.Backtest;

/// <summary>Prints the backtest results: a few bars, one line per day, and the totals.</summary>
internal static class Report
{
    public static void Print(BarBacktest backtest)
    {
        var inv = CultureInfo.InvariantCulture;
        var bars = backtest.Bars.ToList();
        Console.WriteLine("minute (UTC)          open        high        low         close       volume      vwap          buy_vol     sell_vol    trades");
        foreach (var bar in bars.Take(5).Concat(bars.Skip(Math.Max(5, bars.Count - 3))))
        {
            var minute = DateTime.UnixEpoch.AddTicks(bar.MinuteStartMicros * 10);
            Console.WriteLine(string.Format(inv, "{0:yyyy-MM-dd HH:mm}  {1,-11} {2,-11} {3,-11} {4,-11} {5,-11:0.###} {6,-13:0.0000} {7,-11:0.###} {8,-11:0.###} {9}", minute, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, bar.Vwap, bar.BuyVolume, bar.SellVolume, bar.Trades));
        }

        foreach (var day in bars.GroupBy(b => DateTime.UnixEpoch.AddTicks(b.MinuteStartMicros * 10).Date))
        {
            var volume = day.Sum(b => b.Volume);
            var vwap = day.Sum(b => b.Vwap * b.Volume) / volume;
            Console.WriteLine(string.Format(inv, "day {0:yyyy-MM-dd}: trades={1} bars={2} volume={3:0.###} vwap={4:0.0000} buy_volume={5:0.###} sell_volume={6:0.###}", day.Key, day.Sum(b => b.Trades), day.Count(), volume, vwap, day.Sum(b => b.BuyVolume), day.Sum(b => b.SellVolume)));
        }

        var total = bars.Sum(b => b.Volume);
        Console.WriteLine(string.Format(inv, "results: trades={0} bars={1} volume={2:0.###} vwap={3:0.0000} buy_volume={4:0.###} sell_volume={5:0.###}", backtest.Rows, bars.Count, total, bars.Sum(b => b.Vwap * b.Volume) / total, bars.Sum(b => b.BuyVolume), bars.Sum(b => b.SellVolume)));
    }
}
