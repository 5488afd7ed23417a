using System.Diagnostics;

namespace TickCache.Compare;

/// <summary>Starts a contender as its own process, waits for it, returns its <see cref="ContenderReport"/> and wall time.</summary>
internal static class ContenderProcess
{
    public static async Task<(ContenderReport Report, TimeSpan Wall)> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        ContenderReport? report = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            report = ContenderReport.FromLine(line) ?? report;
        }

        await process.WaitForExitAsync();
        var wall = clock.Elapsed;
        if (process.ExitCode != 0 || report is null)
        {
            throw new InvalidOperationException($"Contender '{fileName} {string.Join(' ', start.ArgumentList)}' exited with {process.ExitCode} and {(report is null ? "no" : "a")} RESULT line.");
        }

        return (report, wall);
    }
}
