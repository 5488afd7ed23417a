namespace TickCache.Samples.Backtest;

/// <summary>Builds 1-minute bars from trade batches, reading the columns directly (no object per trade).</summary>
internal sealed class BarBacktest
{
    private const long MinuteMicros = 60_000_000;
    private readonly SortedDictionary<long, MinuteBar> _bars = [];

    public IReadOnlyCollection<MinuteBar> Bars => _bars.Values;

    public long Rows { get; private set; }

    public void Add(TradeBatch batch)
    {
        var timestamps = batch.Timestamps.Span;
        var prices = batch.Prices.Span;
        var amounts = batch.Amounts.Span;
        var sides = batch.Sides.Span;
        for (var i = 0; i < batch.Count; i++)
        {
            var minute = timestamps[i] - (timestamps[i] % MinuteMicros);
            if (!_bars.TryGetValue(minute, out var bar))
            {
                bar = new MinuteBar(minute);
                _bars[minute] = bar;
            }

            bar.Add(timestamps[i], prices[i], amounts[i], sides[i]);
        }

        Rows += batch.Count;
    }
}
