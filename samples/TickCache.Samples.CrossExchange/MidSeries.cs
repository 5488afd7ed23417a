namespace TickCache.Samples.CrossExchange;

/// <summary>One venue's price observations (µs since the Unix epoch, UTC, in time order), sampled on a fixed grid by the last value at or before each grid point.</summary>
internal sealed class MidSeries
{
    private readonly List<(long Micros, double Price)> _points = [];

    public long First => _points.Count > 0 ? _points[0].Micros : long.MaxValue;

    public long Last => _points.Count > 0 ? _points[^1].Micros : long.MinValue;

    public void Add(long micros, double price)
    {
        if (price > 0 && (_points.Count == 0 || micros >= _points[^1].Micros))
        {
            _points.Add((micros, price));
        }
    }

    /// <summary>Log returns between consecutive grid points <c>start + k × step</c>, k = 0..count.</summary>
    public double[] Returns(long start, long step, int count)
    {
        var sampled = new double[count + 1];
        var j = 0;
        for (var k = 0; k <= count; k++)
        {
            var t = start + (k * step);
            while (j + 1 < _points.Count && _points[j + 1].Micros <= t)
            {
                j++;
            }

            sampled[k] = _points[j].Price;
        }

        var returns = new double[count];
        for (var k = 0; k < count; k++)
        {
            returns[k] = Math.Log(sampled[k + 1] / sampled[k]);
        }

        return returns;
    }
}
