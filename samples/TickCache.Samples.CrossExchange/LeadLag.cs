namespace TickCache.Samples.CrossExchange;

/// <summary>
/// Which of two return series moves first: the Pearson correlation of <c>a[k]</c> with <c>b[k + lag]</c> for each lag in
/// <c>[-maxLag, maxLag]</c>; the lag of the largest correlation says who leads (positive: <c>a</c> moves first).
/// </summary>
internal static class LeadLag
{
    public static (int Lag, double Correlation) Best(double[] a, double[] b, int maxLag)
    {
        var best = (Lag: 0, Correlation: double.NegativeInfinity);
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            var c = Correlation(a, b, lag);
            if (c > best.Correlation)
            {
                best = (lag, c);
            }
        }

        return best;
    }

    public static double Correlation(double[] a, double[] b, int lag)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        var n = 0;
        for (var k = Math.Max(0, -lag); k < a.Length && k + lag < b.Length; k++)
        {
            var (x, y) = (a[k], b[k + lag]);
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
            n++;
        }

        var cov = sab - (sa * sb / n);
        var va = saa - (sa * sa / n);
        var vb = sbb - (sb * sb / n);
        return va > 0 && vb > 0 ? cov / Math.Sqrt(va * vb) : 0;
    }
}
