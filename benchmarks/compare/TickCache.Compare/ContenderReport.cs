using System.Text.Json;

namespace TickCache.Compare;

/// <summary>What one contender process reports on its last stdout line (<c>RESULT {json}</c>); Node writes the same shape.</summary>
internal sealed record ContenderReport
{
    public const string Prefix = "RESULT ";

    /// <summary>Trade rows delivered as columns.</summary>
    public long Rows { get; init; }

    /// <summary>Σ amount over every row, in delivery order (a cross-check that every contender saw the same data).</summary>
    public double SumAmount { get; init; }

    /// <summary>Σ price × amount over every row, in delivery order.</summary>
    public double SumNotional { get; init; }

    /// <summary>User + system CPU time of the process, ms.</summary>
    public double CpuMs { get; init; }

    /// <summary>Peak resident set size of the process (Linux VmHWM / Node maxRSS), MiB.</summary>
    public double PeakRssMiB { get; init; }

    /// <summary>Bytes the .NET process allocated on the GC heap in all (0 for Node), MiB: the garbage a read leaves behind.</summary>
    public double AllocatedMiB { get; init; }

    /// <summary>Gen-2 collections of the .NET process (0 for Node).</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Time of the work inside the process (no runtime start-up), ms.</summary>
    public double WorkMs { get; init; }

    /// <summary>The <see cref="MemoryFloor"/> of the delivered bytes, ms, measured after the work (0 when not asked for).</summary>
    public double FloorMs { get; init; }

    public string ToLine() => Prefix + JsonSerializer.Serialize(this, JsonOptions);

    public static ContenderReport? FromLine(string line) =>
        line.StartsWith(Prefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<ContenderReport>(line[Prefix.Length..], JsonOptions) : null;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
