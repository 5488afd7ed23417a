using System.Globalization;
using System.Text;

namespace TickCache.Compare;

/// <summary>Renders the runs as Markdown: every run, then the ratios and checks the goals table asks for.</summary>
internal static class ResultsTable
{
    private const string TickCache = "TickCache";
    private const string TardisDev = "tardis-dev 13.35.3 + csv-parse";
    private const string Naive = "naive sequential (C#)";

    public static string Render(IReadOnlyList<ContenderRun> runs, HarnessOptions options)
    {
        var text = new StringBuilder();
        Line(text, "| scenario | contender | wall s | work s | CPU s | peak RSS MiB | rows | same data as TickCache | upstream requests | MB served | 429s | peak in flight |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            if (run.Failure is { } failure)
            {
                Line(text, $"| {run.Scenario} | {run.Contender} | **failed**: {failure.Split(" exited with ")[^1]} | | | | | | {run.ServerRequests} | {run.ServerBytes / 1e6:F1} | {run.Server429s} | {run.ServerPeakInFlight} |");
                continue;
            }

            var reference = Find(runs, run.Scenario, TickCache);
            var same = run.Contender == TickCache || reference is null || run.Report.Rows == 0 ? "" : SameData(run.Report, reference.Report) ? "yes" : "**NO**";
            Line(text, $"| {run.Scenario} | {run.Contender} | {run.Wall.TotalSeconds:F2} | {run.Report.WorkMs / 1000:F2} | {run.Report.CpuMs / 1000:F2} | {run.Report.PeakRssMiB:F0} | {run.Report.Rows:N0} | {same} | {run.ServerRequests} | {run.ServerBytes / 1e6:F1} | {run.Server429s} | {run.ServerPeakInFlight} |");
        }

        Line(text, "");
        Line(text, "| goal | measured | |");
        Line(text, "|---|---|---|");
        Ratio(text, runs, "vs tardis-dev, cold (≥ 20x)", Harness.Cold(options), TardisDev, Harness.Cold(options), 20);
        Ratio(text, runs, "vs tardis-dev, warm (≥ 200x)", Harness.Warm, TardisDev, Harness.Warm, 200);
        Ratio(text, runs, "vs naive sequential, cold (≥ 4.5x)", Harness.Cold(options), Naive, Harness.Cold(options), 4.5);
        Ratio(text, runs, "vs naive sequential, warm rerun (≥ 50x)", Harness.Cold(options), Naive, Harness.Warm, 50);
        Ratio(text, runs, "vs naive sequential, warm rerun with the process's tiered JIT off (≥ 50x)", Harness.Cold(options), Naive, Harness.WarmNoTiering, 50);
        Ratio(text, runs, "vs naive sequential, warm rerun, both in the ReadyToRun-published harness (≥ 50x)", Harness.Cold(options), Naive, Harness.WarmReadyToRun, 50);
        Ratio(text, runs, "vs tardis-dev, warm rerun of the ReadyToRun-published harness (≥ 200x)", Harness.Warm, TardisDev, Harness.WarmReadyToRun, 200);
        foreach (var (scenario, how) in new[] { (Harness.WarmFloor, string.Empty), (Harness.WarmReadyToRunFloor, ", ReadyToRun-published harness") })
        {
            if (Find(runs, scenario, TickCache) is { Failure: null, Report.FloorMs: > 0 } warm)
            {
                var ratio = warm.Report.WorkMs / warm.Report.FloorMs;
                Line(text, $"| warm read vs the memory floor, same process{how} (≤ 3x): writing the same decoded bytes into reused buffers | {warm.Report.WorkMs / 1000:F2} s / {warm.Report.FloorMs / 1000:F3} s = **{ratio:F1}x** | {Met(ratio <= 3)} |");
            }
        }

        var distinct = options.SweepQueries + options.SweepDays - 1;
        if (Find(runs, Harness.Sweep, TickCache) is { } sweep)
        {
            var node = Find(runs, sweep.Scenario, TardisDev);
            Line(text, $"| {options.SweepQueries} overlapping queries ({options.SweepDays} days each) at once: upstream requests = distinct chunks ({distinct}) | TickCache {sweep.ServerRequests}{(node is null ? "" : $", tardis-dev {node.ServerRequests}")} | {Met(sweep.ServerRequests == distinct)} |");
        }

        foreach (var scenario in new[] { Harness.Cold(options), Harness.Warm, Harness.ColdCapped, Harness.ColdCapped768, Harness.WarmCapped, Harness.ColdConserving, Harness.WarmConserving })
        {
            if (Find(runs, scenario, TickCache) is { Failure: null } run)
            {
                // The goals of issue 13: ≤ 512 MiB for a warm stream, ≤ 768 MiB for a cold one (downloads decode in parallel).
                var limit = scenario.StartsWith("cold", StringComparison.Ordinal) ? 768 : 512;
                Line(text, $"| streaming {options.Days} days, peak RSS ≤ {limit} MiB ({scenario}) | {run.Report.PeakRssMiB:F0} MiB | {Met(run.Report.PeakRssMiB <= limit)} |");
            }
        }

        for (var repeat = 1; Find(runs, Harness.RateRun(repeat), TickCache) is { } rate; repeat++)
        {
            // Allowed in the window from the first to the last request: the burst plus the refill over the window.
            var window = rate.ServerRequestWindow.TotalSeconds;
            var allowed = options.RateRps + Math.Floor(options.RateRps * window);
            var utilization = rate.ServerRequests / allowed;
            Line(text, $"| rate-limit utilization ≥ 95 %, 0 unexpected 429 (run {repeat}) | {rate.ServerRequests} requests in {window:F2} s at {options.RateRps}/s + burst {options.RateRps} (allowed {allowed}) = **{utilization:P1}**, {rate.Server429s} × 429 | {Met(utilization >= 0.95 && rate.Server429s == 0)} |");
        }

        return text.ToString();
    }

    private static void Ratio(StringBuilder text, IReadOnlyList<ContenderRun> runs, string goal, string otherScenario, string other, string ourScenario, double target)
    {
        if (Find(runs, otherScenario, other) is { Failure: null } them && Find(runs, ourScenario, TickCache) is { Failure: null } us)
        {
            var ratio = them.Wall / us.Wall;
            Line(text, $"| {goal} | {them.Wall.TotalSeconds:F2} s / {us.Wall.TotalSeconds:F2} s = **{ratio:F1}x** (CPU {them.Report.CpuMs / us.Report.CpuMs:F1}x) | {Met(ratio >= target)} |");
        }
    }

    private static bool SameData(ContenderReport a, ContenderReport b) =>
        a.Rows == b.Rows && a.SumAmount.Equals(b.SumAmount) && a.SumNotional.Equals(b.SumNotional);

    private static ContenderRun? Find(IReadOnlyList<ContenderRun> runs, string scenario, string contender) =>
        runs.FirstOrDefault(r => r.Scenario == scenario && r.Contender == contender);

    private static string Met(bool met) => met ? "met" : "**not met**";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
