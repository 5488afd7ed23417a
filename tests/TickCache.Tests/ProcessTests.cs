using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TickCache.Tests;

/// <summary>
/// The shipped programs as separate processes: the emulator's standalone mode, and the backtest sample run twice on
/// one cache folder (the second process must read the first one's L2 files: zero upstream requests, same results).
/// </summary>
public sealed partial class ProcessTests
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Sample_RunTwiceInSeparateProcesses_SecondRunServedFromDiskWithSameResults()
    {
        var cache = TestData.TempDirectory();

        var (firstCode, first) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {cache}");
        var (secondCode, second) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {cache}");

        Assert.Equal(0, firstCode);
        Assert.Equal(0, secondCode);
        var one = Summary().Match(first);
        var two = Summary().Match(second);
        Assert.True(one.Success && two.Success, first + second);
        Assert.Equal(one.Groups["rows"].Value, two.Groups["rows"].Value);
        Assert.Equal("0", one.Groups["l2"].Value);
        Assert.Equal(one.Groups["chunks"].Value, two.Groups["l2"].Value);
        Assert.Equal("0", two.Groups["upstream"].Value);
        Assert.Equal("0", two.Groups["fetches"].Value);
        Assert.Equal(Results(first), Results(second));
        Assert.Contains("results: trades=44949 bars=24", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_FromALocalArchive_TwiceWithoutARequest_SameResultsAsTheApi()
    {
        // A tardis-dev style archive (official clients' file names) of every bundled file.
        var archive = TestData.TempDirectory();
        foreach (var file in TestData.AllFiles())
        {
            var (exchange, dataType, symbol, day) = TestData.Describe(file);
            File.Copy(file, Path.Combine(archive, Sources.ArchiveFolder.Name(exchange, dataType, symbol, day)));
        }

        var cache = TestData.TempDirectory();
        var (_, api) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {TestData.TempDirectory()}");
        var (firstCode, first) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {cache} --source archive --archive {archive}");
        var (secondCode, second) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {cache} --source archive --archive {archive} --archive-pattern tardis-client");

        Assert.Equal((0, 0), (firstCode, secondCode));
        var one = Summary().Match(first);
        var two = Summary().Match(second);
        Assert.True(one.Success && two.Success, first + second);
        Assert.Equal(("0", "0"), (one.Groups["upstream"].Value, two.Groups["upstream"].Value));
        Assert.Equal(("0", one.Groups["chunks"].Value), (one.Groups["l2"].Value, two.Groups["l2"].Value));
        Assert.Equal(Summary().Match(api).Groups["rows"].Value, one.Groups["rows"].Value);
        Assert.Equal(WithoutSkips(Results(api)), WithoutSkips(Results(first)));
        Assert.Equal(Results(first), Results(second));
    }

    [Fact]
    public async Task Sample_FromBinancePublicData_TwiceOfflineThroughTheEmulator_SameDaysAsTheTardisFiles()
    {
        var cache = TestData.TempDirectory();
        var (_, tardis) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {TestData.TempDirectory()}");
        var (firstCode, first) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {cache} --source binance");
        var (secondCode, second) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {cache} --source binance");

        Assert.Equal((0, 0), (firstCode, secondCode));
        var one = Summary().Match(first);
        var two = Summary().Match(second);
        Assert.True(one.Success && two.Success, first + second);
        Assert.Equal(("0", "0"), (one.Groups["l2"].Value, two.Groups["upstream"].Value));
        Assert.Equal(one.Groups["chunks"].Value, two.Groups["l2"].Value);
        Assert.Equal(Results(first), Results(second));

        // The same real trades, from Binance-format files instead of Tardis-format ones: the same bars per 2024 day.
        static IEnumerable<string> Days2024(string output) => output.Split('\n').Where(l => l.StartsWith("day 2024-", StringComparison.Ordinal));
        Assert.Equal(3, Days2024(first).Count());
        Assert.Equal(Days2024(tardis), Days2024(first));
    }

    [Fact]
    public async Task CrossExchangeSample_ThreeVenuesPerMinute_FromTheBundledBinanceFiles()
    {
        var (code, output) = await RunAsync("TickCache.Samples.CrossExchange.dll", $"--cache-dir {TestData.TempDirectory()}");

        Assert.True(code == 0, output);
        Assert.Contains("summary: minutes=6 rows=119035 l2_hits=0 upstream_requests=13", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        Assert.Equal(6, lines.Count(l => l.StartsWith("2024-08-08 23:5", StringComparison.Ordinal)));
        Assert.Contains("lead-lag: 3422 returns of 100 ms", output, StringComparison.Ordinal);
        Assert.Equal(3, lines.Count(l => l.Contains("best lag:", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("2023-04-04     99   0.00002754   0.00002754   0.00002754      3.02%            0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2023-04-05    415   0.00002760   0.00002850   0.00002846      3.12%            1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--l3-http not-a-url", "--l3-http 'not-a-url' is not an absolute http(s) URL.")]
    [InlineData("--l3-redis 127.0.0.1:1 --l3-http https://cache.example", "Pass one shared L3 at most (got --l3-http after --l3-redis)")]
    [InlineData("--l3-s3-endpoint https://s3.example", "--l3-s3-endpoint goes with --l3-s3 <bucket>.")]
    [InlineData("--l3-http http://cache.example", "HttpRemoteStoreOptions.BaseAddress 'http://cache.example' uses plain http:// on a non-loopback host")]
    [InlineData("--metadata-endpoint https://api.example/v1", "--metadata-endpoint goes with --endpoint and the tardis source.")]
    public async Task Sample_BadSharedCacheArguments_ExitWithTheProblemAndUsage(string arguments, string message)
    {
        var (code, output) = await RunAsync("TickCache.Samples.Backtest.dll", arguments);

        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from 2023-03-01 --to 2023-03-03", 3, "no data: No data for tardis-datasets: binance-futures trades BTCUSDT")]
    [InlineData("--symbol BTC/USDT --from 2024-07-18 --to 2024-07-19", 2, "Symbol 'BTC/USDT' is not a dataset symbol id")]
    [InlineData("--symbol BTCUSDX --from 2024-07-18 --to 2024-07-19", 3, "lists no dataset symbol 'BTCUSDX'")]
    public async Task Sample_DocumentedFailures_OneLineAndACodeNeverAStackTrace(string arguments, int expectedCode, string message)
    {
        var cache = TestData.TempDirectory();

        var (code, output) = await RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {cache} {arguments}");

        Assert.Equal(expectedCode, code);
        var last = output.TrimEnd().Split('\n')[^1];
        Assert.Contains(message, last, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_Standalone_ServesAClient()
    {
        using var process = Start("TickCache.Emulator.dll", $"--data {TestData.Root} --port 0 --api-key {Harness.ApiKey}");
        try
        {
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync().WaitAsync(SafetyTimeout);
            }
            while (line is not null && !line.Contains(" at http", StringComparison.Ordinal));

            Assert.NotNull(line);
            var endpoint = new Uri(line[(line.IndexOf(" at ", StringComparison.Ordinal) + 4)..line.IndexOf(" (", StringComparison.Ordinal)]);
            using var client = new TickCacheClient(new TickCacheOptions
            {
                CacheDirectory = TestData.TempDirectory(),
                DatasetsEndpoint = endpoint,
                MetadataEndpoint = endpoint,
                ApiKey = Harness.ApiKey,
            });

            var trades = await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18));

            Assert.Equal(974, trades.Count);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Sample_Help_PrintsUsageAndExitsZero()
    {
        var (code, output) = await RunAsync("TickCache.Samples.Backtest.dll", "--help");

        Assert.Equal(0, code);
        Assert.StartsWith("usage: TickCache.Samples.Backtest", output, StringComparison.Ordinal);
        Assert.Contains("--source archive", output, StringComparison.Ordinal);
        Assert.Contains("--source binance", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Emulator_Standalone_StopsCleanlyOnSigtermAndSigint(string signal)
    {
        using var process = Start("TickCache.Emulator.dll", $"--data {TestData.Root} --port 0");
        try
        {
            Assert.Contains(" at http", await process.StandardOutput.ReadLineAsync().WaitAsync(SafetyTimeout), StringComparison.Ordinal);

            using (var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(SafetyTimeout);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("Tardis emulator stopped", (await process.StandardOutput.ReadToEndAsync()).Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"^summary: rows=(?<rows>\d+) chunks=(?<chunks>\d+) l1_hits=\d+ l2_hits=(?<l2>\d+) l3_hits=(?<l3>\d+) source_fetches=(?<fetches>\d+) upstream_requests=(?<upstream>\d+) seconds=\d+\.\d{3}$", RegexOptions.Multiline)]
    internal static partial Regex Summary();

    /// <summary>The sample's output without the lines that differ between runs (summary, offline/online, shared L3).</summary>
    internal static string Results(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("summary:", StringComparison.Ordinal) && !l.StartsWith("offline:", StringComparison.Ordinal) && !l.StartsWith("shared L3:", StringComparison.Ordinal)));

    private static string WithoutSkips(string results) =>
        string.Join('\n', results.Split('\n').Where(l => !l.StartsWith("skipped ", StringComparison.Ordinal)));

    internal static async Task<(int Code, string Output)> RunAsync(string dll, string arguments)
    {
        using var process = Start(dll, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(SafetyTimeout);
        return (process.ExitCode, (await output).Replace("\r", string.Empty, StringComparison.Ordinal) + await errors);
    }

    internal static Process Start(string dll, string arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet, $"\"{Path.Combine(AppContext.BaseDirectory, dll)}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
    }
}
