using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace TickCache.Cli;

/// <summary>
/// Shows prefetch progress on stderr: a live progress bar in a terminal; without one (CI, cron, a pipe) a plain line at
/// most once a second and at the end, never escape codes.
/// </summary>
internal static class ProgressView
{
    public static async Task<PrefetchReport> RunAsync(Func<IProgress<PrefetchReport>, Task<PrefetchReport>> work)
    {
        if (Console.IsErrorRedirected)
        {
            var lines = new PlainLines();
            var report = await work(lines).ConfigureAwait(false);
            PlainLines.Print(report);
            return report;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        PrefetchReport? final = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("prefetch", maxValue: 1);
                final = await work(new Bar(bar)).ConfigureAwait(false);
                bar.Value = bar.MaxValue;
            })
            .ConfigureAwait(false);
        return final!;
    }

    public static string Describe(PrefetchReport r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Done}/{r.Planned} chunks ({r.FromCache} cached, {r.Fetched} fetched, {r.Unavailable} not published), {r.Rows:N0} rows, {r.UpstreamBytes / 1048576.0:0.0} MiB downloaded, {r.Elapsed.TotalSeconds:0.0} s{(r.Eta is { } eta && eta > TimeSpan.Zero ? $" (~{eta.TotalSeconds:0} s left)" : string.Empty)}{(r.Retries > 0 ? $", {r.Retries} retries" : string.Empty)}{(r.RateLimited > 0 ? $", {r.RateLimited} × 429" : string.Empty)}{(r.Current is null ? string.Empty : " — " + r.Current)}");

    private sealed class Bar(ProgressTask bar) : IProgress<PrefetchReport>
    {
        public void Report(PrefetchReport value)
        {
            bar.MaxValue = Math.Max(1, value.Planned);
            bar.Value = value.Done;
            bar.Description = Markup.Escape(value.Current is null ? "prefetch" : $"{value.Done}/{value.Planned} {value.Current}");
        }
    }

    private sealed class PlainLines : IProgress<PrefetchReport>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.FromSeconds(-1);

        public void Report(PrefetchReport value)
        {
            if (_clock.Elapsed - _last >= TimeSpan.FromSeconds(1))
            {
                _last = _clock.Elapsed;
                Print(value);
            }
        }

        public static void Print(PrefetchReport value) => Console.Error.WriteLine("progress: " + Describe(value));
    }
}
