namespace TickCache.Compare;

/// <summary>Row count and running sums over delivered trade columns; not thread-safe (one per query).</summary>
internal sealed class TapeChecksum
{
    public long Rows { get; private set; }

    public double SumAmount { get; private set; }

    public double SumNotional { get; private set; }

    public void Add(ReadOnlySpan<double> prices, ReadOnlySpan<double> amounts)
    {
        double amount = SumAmount, notional = SumNotional;
        for (var i = 0; i < prices.Length; i++)
        {
            amount += amounts[i];
            notional += prices[i] * amounts[i];
        }

        (SumAmount, SumNotional) = (amount, notional);
        Rows += prices.Length;
    }

    public void Add(TapeChecksum other)
    {
        Rows += other.Rows;
        SumAmount += other.SumAmount;
        SumNotional += other.SumNotional;
    }

    public ContenderReport ToReport(TimeSpan work) => new()
    {
        Rows = Rows,
        SumAmount = SumAmount,
        SumNotional = SumNotional,
        WorkMs = work.TotalMilliseconds,
        CpuMs = Environment.CpuUsage.TotalTime.TotalMilliseconds,
        PeakRssMiB = PeakResidentMiB(),
        AllocatedMiB = GC.GetTotalAllocatedBytes() / 1048576.0,
        Gen2Collections = GC.CollectionCount(2),
    };

    private static double PeakResidentMiB()
    {
        // VmHWM: the high-water mark of the resident set, kB (Linux).
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
