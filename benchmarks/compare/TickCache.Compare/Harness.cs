using System.Globalization;
using TickCache.Emulator;

namespace TickCache.Compare;

/// <summary>
/// Runs every scenario side by side: one fresh HTTPS emulator per contender run (same data, latency and server rate
/// limit), each contender in its own process, and the emulator's counters read after each run.
/// </summary>
internal sealed class Harness(HarnessOptions options)
{
    public static readonly DateTime FirstDay = new(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc);

    public const string Warm = "warm rerun";

    /// <summary>The warm rerun again, measuring the memory floor after its read (in its own run: the floor's copies are not in the warm rerun's wall time).</summary>
    public const string WarmFloor = "warm rerun + memory floor";
    public const string WarmCapped = "warm rerun, memory-capped";
    public const string WarmNoTiering = "warm rerun, tiered JIT off";

    /// <summary>The warm rerun in the same harness published ReadyToRun (run.sh: <c>dotnet publish -p:PublishReadyToRun=true</c>): what an app deployed that way gets.</summary>
    public const string WarmReadyToRun = "warm rerun, ReadyToRun-published app";

    /// <summary><see cref="WarmReadyToRun"/> measuring the memory floor after its read.</summary>
    public const string WarmReadyToRunFloor = "warm rerun + memory floor, ReadyToRun-published app";
    public const string ColdCapped = "cold, memory-capped";
    public const string ColdCapped768 = "cold, memory-capped at 768 MiB";
    public const string WarmConserving = "warm rerun, GC ConserveMemory=9 + 64 MiB L1 (no heap cap)";
    public const string ColdConserving = "cold, GC ConserveMemory=9 + 64 MiB L1 (no heap cap)";

    /// <summary>The host's GC told to keep its heap small (<c>System.GC.ConserveMemory</c> 9, compacting the large object heap) — no cap.</summary>
    private static readonly Dictionary<string, string> Conserving = new() { ["DOTNET_GCConserveMemory"] = "9" };

    /// <summary>The .NET GC's heap cap for the memory-capped runs (512 MiB), with MemoryBudgetBytes = 64 MiB.</summary>
    private static readonly Dictionary<string, string> MemoryCap = new() { ["DOTNET_GCHeapHardLimit"] = "0x20000000" };

    /// <summary>768 MiB: what the cold path (decode + Parquet write of two days in flight) is measured under when 512 is too little.</summary>
    private static readonly Dictionary<string, string> MemoryCap768 = new() { ["DOTNET_GCHeapHardLimit"] = "0x30000000" };
    public const string Sweep = "parameter sweep (cold)";
    public const string Rate = "rate limit, small days";

    /// <summary>The scenario name of the rate-limit run <paramref name="repeat"/> (1: the one tardis-dev also runs).</summary>
    public static string RateRun(int repeat) => repeat == 1 ? Rate : $"{Rate}, run {repeat}";

    private readonly List<ContenderRun> _runs = [];
    private readonly string _work = Path.GetFullPath(options.WorkDirectory);

    public IReadOnlyList<ContenderRun> Runs => _runs;

    public static string Cold(HarnessOptions options) => $"cold, {options.Days} days";

    private string Generated => Path.Combine(_work, "data");

    public async Task RunAsync()
    {
        Log($"generating {options.Days} days x {options.RowsPerDay:N0} trades (kept in {Generated}) ...");
        TradeTape.Write(Generated, "BTCUSDT", FirstDay, options.Days, options.RowsPerDay);
        TradeTape.Write(Generated, "ETHUSDT", FirstDay, options.RateDays, 2_000);
        Clean("tickcache-cache", "capped-cache", "capped-cache-768", "conserving-cache", "tardis-dev-download", "sweep-cache", "sweep-download", "rate-cache", "rate-download", "real-cache", "real-download");

        var to = FirstDay.AddDays(options.Days);
        string[] main = [$"symbol=BTCUSDT", Day("from", FirstDay), Day("to", to)];
        await TickCacheAsync(Cold(options), Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache")]);
        await NodeAsync(Cold(options), Generated, options.Rps, [.. main, Dir("dir", "tardis-dev-download")]);
        await CSharpAsync(Cold(options), "naive sequential (C#)", "naive", Generated, options.Rps, main);
        await TickCacheAsync(Warm, Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache")]);
        await TickCacheAsync(WarmFloor, Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache"), "floor=1"]);
        await NodeAsync(Warm, Generated, options.Rps, [.. main, Dir("dir", "tardis-dev-download")]);
        await TickCacheAsync(WarmNoTiering, Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache")], new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" });
        if (File.Exists(ReadyToRunHarness))
        {
            await CSharpAsync(WarmReadyToRun, "TickCache", "tickcache", Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache")], executable: ReadyToRunHarness);
            await CSharpAsync(WarmReadyToRunFloor, "TickCache", "tickcache", Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache"), "floor=1"], executable: ReadyToRunHarness);
        }

        await TickCacheAsync(WarmCapped, Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache"), "memory-mib=64"], MemoryCap);
        await TickCacheAsync(ColdCapped, Generated, options.Rps, [.. main, Dir("cache", "capped-cache"), "memory-mib=64", "prefetch=2"], MemoryCap);
        await TickCacheAsync(ColdCapped768, Generated, options.Rps, [.. main, Dir("cache", "capped-cache-768"), "memory-mib=64", "prefetch=2"], MemoryCap768);
        await TickCacheAsync(WarmConserving, Generated, options.Rps, [.. main, Dir("cache", "tickcache-cache"), "memory-mib=64"], Conserving);
        await TickCacheAsync(ColdConserving, Generated, options.Rps, [.. main, Dir("cache", "conserving-cache"), "memory-mib=64"], Conserving);

        string[] sweep = [.. main, $"queries={options.SweepQueries}", $"query-days={options.SweepDays}"];
        await TickCacheAsync(Sweep, Generated, options.Rps, [.. sweep, Dir("cache", "sweep-cache")]);
        await NodeAsync(Sweep, Generated, options.Rps, [.. sweep, Dir("dir", "sweep-download"), "parse=false"]);

        string[] rate = ["symbol=ETHUSDT", Day("from", FirstDay), Day("to", FirstDay.AddDays(options.RateDays)), $"rps={options.RateRps}", $"burst={options.RateRps}"];
        for (var repeat = 1; repeat <= options.RateRepeats; repeat++)
        {
            Clean("rate-cache");
            await TickCacheAsync(RateRun(repeat), Generated, options.RateRps, [.. rate, Dir("cache", "rate-cache")]);
        }

        await NodeAsync(RateRun(1), Generated, options.RateRps, [.. rate, Dir("dir", "rate-download")]);

        var real = Path.GetFullPath(options.RealData);
        string[] realRange = ["symbol=BTCUSDT", "from=2024-07-18", "to=2024-07-20"];
        await TickCacheAsync("real data, cold", real, options.Rps, [.. realRange, Dir("cache", "real-cache")]);
        await NodeAsync("real data, cold", real, options.Rps, [.. realRange, Dir("dir", "real-download")]);
        await CSharpAsync("real data, cold", "naive sequential (C#)", "naive", real, options.Rps, realRange);
        await TickCacheAsync("real data, warm", real, options.Rps, [.. realRange, Dir("cache", "real-cache")]);
        await NodeAsync("real data, warm", real, options.Rps, [.. realRange, Dir("dir", "real-download")]);
    }

    private Task TickCacheAsync(string scenario, string data, int rps, string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        CSharpAsync(scenario, "TickCache", "tickcache", data, rps, args, environment);

    /// <summary>This harness published ReadyToRun by run.sh (absent when it was not: those rows are then left out).</summary>
    private string ReadyToRunHarness => Path.Combine(_work, "r2r", "TickCache.Compare");

    private Task CSharpAsync(string scenario, string contender, string mode, string data, int rps, string[] args, IReadOnlyDictionary<string, string>? environment = null, string? executable = null) =>
        MeasureAsync(scenario, contender, data, rps, (endpoint, pem) => ContenderProcess.RunAsync(
            executable ?? Path.Combine(AppContext.BaseDirectory, "TickCache.Compare"),
            ["contender", mode, $"endpoint={endpoint}", $"cert={pem}", .. args],
            environment));

    private Task NodeAsync(string scenario, string data, int rps, string[] args)
    {
        if (options.SkipNode)
        {
            return Task.CompletedTask;
        }

        var script = Path.GetFullPath(Path.Combine(options.NodeDirectory, "contender.js"));
        return MeasureAsync(scenario, "tardis-dev 13.35.3 + csv-parse", data, rps, (endpoint, pem) => ContenderProcess.RunAsync(
            "node",
            [script, $"endpoint={endpoint}", .. args],
            new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = pem }));
    }

    private async Task MeasureAsync(string scenario, string contender, string data, int rps, Func<Uri, string, Task<(ContenderReport, TimeSpan)>> run)
    {
        var pem = Path.Combine(_work, "emulator.pem");
        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions
        {
            DataDirectory = data,
            Https = true,
            CertificatePemPath = pem,
            Latency = TimeSpan.FromMilliseconds(options.LatencyMs),
            RequestsPerSecond = rps,
            Burst = rps,
        });
        Log($"{scenario}: {contender} ...");
        ContenderReport report;
        TimeSpan wall;
        string? failure = null;
        try
        {
            (report, wall) = await run(emulator.BaseAddress, pem);
        }
        catch (InvalidOperationException e)
        {
            // A failed contender is a result too (e.g. out of memory under a heap cap): record it, go on.
            (report, wall, failure) = (new ContenderReport(), TimeSpan.Zero, e.Message);
            Log($"  FAILED: {e.Message}");
        }

        var measured = new ContenderRun(scenario, contender, wall, report, emulator.DatasetRequests, emulator.ResponseBodyBytes, emulator.RateLimitedResponses, emulator.PeakInFlight, emulator.DatasetRequestWindow, failure);
        _runs.Add(measured);
        Log($"  wall {wall.TotalSeconds:F2} s, cpu {report.CpuMs / 1000:F2} s, peak RSS {report.PeakRssMiB:F0} MiB, rows {report.Rows:N0}, requests {measured.ServerRequests}, 429s {measured.Server429s}, peak in flight {measured.ServerPeakInFlight}");
    }

    private void Clean(params string[] folders)
    {
        foreach (var folder in folders)
        {
            var path = Path.Combine(_work, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private string Dir(string key, string folder) => $"{key}={Path.Combine(_work, folder)}";

    private static string Day(string key, DateTime day) => $"{key}={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
