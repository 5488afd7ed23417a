using System.Globalization;

namespace TickCache.Compare;

/// <summary>Command-line settings of the harness (<c>--name value</c>); every one has a default.</summary>
internal sealed class HarnessOptions
{
    public int Days { get; private set; } = 30;

    public int RowsPerDay { get; private set; } = 2_000_000;

    public int LatencyMs { get; private set; } = 50;

    /// <summary>Server (and TickCache client) limit in the main scenarios: enough for every contender's first burst.</summary>
    public int Rps { get; private set; } = 30;

    /// <summary>Small days for the rate-limit scenario, served at <see cref="RateRps"/> with a burst of the same size.</summary>
    public int RateDays { get; private set; } = 60;

    public int RateRps { get; private set; } = 10;

    /// <summary>How many times TickCache runs the rate-limit scenario, each with a fresh server and cache (the goal is "every run").</summary>
    public int RateRepeats { get; private set; } = 3;

    public int SweepQueries { get; private set; } = 16;

    public int SweepDays { get; private set; } = 15;

    public string WorkDirectory { get; private set; } = Path.Combine("benchmarks", "compare", ".work");

    public string RealData { get; private set; } = Path.Combine("samples", "data");

    public string NodeDirectory { get; private set; } = Path.Combine("benchmarks", "compare", "tardis-dev");

    public bool SkipNode { get; private set; }

    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HarnessOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--skip-node")
            {
                options.SkipNode = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option '{name}' needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--days": options.Days = Positive(name, value); break;
                case "--rows-per-day": options.RowsPerDay = Positive(name, value); break;
                case "--latency-ms": options.LatencyMs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rps": options.Rps = Positive(name, value); break;
                case "--rate-days": options.RateDays = Positive(name, value); break;
                case "--rate-rps": options.RateRps = Positive(name, value); break;
                case "--rate-repeats": options.RateRepeats = Positive(name, value); break;
                case "--sweep-queries": options.SweepQueries = Positive(name, value); break;
                case "--sweep-days": options.SweepDays = Positive(name, value); break;
                case "--work": options.WorkDirectory = value; break;
                case "--real-data": options.RealData = value; break;
                case "--node-dir": options.NodeDirectory = value; break;
                default: throw new ArgumentException($"Unknown option '{name}'. Options: --days --rows-per-day --latency-ms --rps --rate-days --rate-rps --rate-repeats --sweep-queries --sweep-days --work --real-data --node-dir --skip-node.");
            }
        }

        if (options.SweepQueries + options.SweepDays - 1 > options.Days)
        {
            throw new ArgumentException($"--sweep-queries {options.SweepQueries} + --sweep-days {options.SweepDays} - 1 exceeds --days {options.Days}: the sweep must stay inside the generated days.");
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Option '{name}' must be a positive integer, got '{value}'.");
}
