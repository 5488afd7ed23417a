using System.Text.Json;

namespace TickCache.Tests;

/// <summary>
/// The <c>tickcache</c> command as a real process against the emulator on loopback and a temp cache: plan → prefetch →
/// prefetch again → ls → verify → purge with exact counts, JSON output, and the documented exit codes for bad input.
/// </summary>
public sealed class CliTests
{
    /// <summary>The command's own build output (tests/TickCache.Tests/bin/{configuration}/{tfm} → src/TickCache.Cli/bin/{configuration}/{tfm}).</summary>
    private static readonly string Cli = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "TickCache.Cli", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "TickCache.Cli.dll"));

    [Fact]
    public async Task PlanPrefetchLsVerifyPurge_AsAProcess_ExactCounts()
    {
        await using var harness = await Harness.StartAsync();
        var cache = TestData.TempDirectory();
        var query = $"--exchange binance-futures --data-type trades,quotes --symbols BTCUSDT,ETHUSDT --from 2024-07-18 --to 2024-07-20 --endpoint {harness.Emulator.BaseAddress} --api-key {Harness.ApiKey} --cache-dir {cache}";

        var plan = await JsonAsync($"plan {query} --json");
        Assert.Equal((8, 8), (plan.GetProperty("chunks").GetInt32(), plan.GetProperty("to_fetch").GetInt32()));
        Assert.Equal(0, harness.Emulator.DatasetRequests);

        var (code, prefetch) = await ProcessTests.RunAsync(Cli, $"prefetch {query}");
        Assert.Equal(0, code);
        Assert.Contains("prefetch: 8/8 chunks (0 cached, 8 fetched, 0 not published)", prefetch, StringComparison.Ordinal);
        Assert.Contains("progress: ", prefetch, StringComparison.Ordinal); // stderr is a pipe: plain progress lines
        Assert.Equal(8, harness.Emulator.DatasetRequests);

        var again = await JsonAsync($"prefetch {query} --json");
        Assert.Equal((8, 0, 0L), (again.GetProperty("from_cache").GetInt32(), again.GetProperty("fetched").GetInt32(), again.GetProperty("upstream_requests").GetInt64()));
        Assert.Equal(8, harness.Emulator.DatasetRequests);

        var ls = await JsonAsync($"ls --cache-dir {cache} --json");
        Assert.Equal(8, ls.GetProperty("chunks").GetInt32());
        Assert.Equal(4, ls.GetProperty("groups").GetArrayLength());

        var (verifyCode, verify) = await ProcessTests.RunAsync(Cli, $"verify --cache-dir {cache}");
        Assert.Equal((0, true), (verifyCode, verify.Contains("verify: checked=8 valid=8 bad=0", StringComparison.Ordinal)));

        var purge = await JsonAsync($"purge --cache-dir {cache} --data-type quotes --symbols ETHUSDT --json");
        Assert.Equal(2, purge.GetProperty("files").GetArrayLength());
        Assert.Equal(6, (await JsonAsync($"ls --cache-dir {cache} --json")).GetProperty("chunks").GetInt32());
        var (_, nothing) = await ProcessTests.RunAsync(Cli, $"purge --cache-dir {cache} --symbols XRPUSDT");
        Assert.Contains("purge: nothing matched the filters", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_DuringPrefetch_StopsWithExit130_NothingPartialVisible_AndTheNextPrefetchResumes()
    {
        await using var harness = await Harness.StartAsync();
        var cache = TestData.TempDirectory();
        var query = $"--exchange binance-futures --data-type trades --symbols BTCUSDT,ETHUSDT --from 2024-07-18 --to 2024-07-20 --endpoint {harness.Emulator.BaseAddress} --api-key {Harness.ApiKey} --cache-dir {cache}";
        harness.Emulator.HoldRequests();

        using var prefetch = ProcessTests.Start(Cli, $"prefetch {query}");
        var output = prefetch.StandardOutput.ReadToEndAsync();
        var errors = prefetch.StandardError.ReadToEndAsync();
        for (var waited = 0; harness.Emulator.DatasetRequests == 0; waited += 20)
        {
            Assert.True(waited < 60_000 && !prefetch.HasExited, "the prefetch never requested a chunk");
            await Task.Delay(20);
        }

        using (var kill = System.Diagnostics.Process.Start("kill", $"-INT {prefetch.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        await prefetch.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var log = await output + await errors;
        Assert.True(prefetch.ExitCode == 130, $"exit {prefetch.ExitCode}: {log}");
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)) : []);

        harness.Emulator.ReleaseRequests();
        var requestsBefore = harness.Emulator.DatasetRequests;
        var resumed = await JsonAsync($"prefetch {query} --json");
        Assert.Equal((4, 4), (resumed.GetProperty("done").GetInt32(), resumed.GetProperty("fetched").GetInt32()));
        Assert.Equal(requestsBefore + 4, harness.Emulator.DatasetRequests);
        Assert.Equal(4, (await JsonAsync($"ls --cache-dir {cache} --json")).GetProperty("chunks").GetInt32());
    }

    [Fact]
    public async Task ExportParquet_ToAFile_DuckDbReadsTheSourceRows_AndAnUnknownFormatIsExitTwo()
    {
        await using var harness = await Harness.StartAsync();
        var cache = TestData.TempDirectory();
        var output = Path.Combine(TestData.TempDirectory(), "btc.parquet");
        var query = BtcTradesQuery(harness, cache);

        var (code, log) = await ProcessTests.RunAsync(Cli, $"export {query} --format parquet --output {output}");
        var (badCode, bad) = await ProcessTests.RunAsync(Cli, $"export {query} --format xlsx");
        var empty = Path.Combine(Path.GetDirectoryName(output)!, "empty.parquet"); // beside it: no temp file may be left there either
        var (emptyCode, emptyLog) = await ProcessTests.RunAsync(Cli, $"export {query.Replace("--from 2024-07-18 --to 2024-07-20", "--from 2023-01-01 --to 2023-01-02", StringComparison.Ordinal)} --format parquet --output {empty}");

        Assert.True(code == 0, log);
        var expected = BtcTradesRows();
        using var duck = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var select = duck.CreateCommand();
        select.CommandText = $"SELECT exchange, symbol, epoch_us(timestamp), epoch_us(local_timestamp), id, side, price, amount FROM read_parquet('{output}')";
        using var reader = select.ExecuteReader();
        var actual = new List<string>();
        while (reader.Read())
        {
            actual.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{reader.GetString(0)},{reader.GetString(1)},{reader.GetInt64(2)},{reader.GetInt64(3)},{reader.GetInt64(4)},{(reader.GetByte(5) == 1 ? "buy" : "sell")},{reader.GetDouble(6):R},{reader.GetDouble(7):R}"));
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(expected.Select(r => string.Create(inv, $"{string.Join(',', r[..6])},{double.Parse(r[6], inv):R},{double.Parse(r[7], inv):R}")), actual);
        Assert.Equal(2, badCode);
        Assert.Contains("xlsx", bad, StringComparison.Ordinal);
        Assert.Equal(3, emptyCode); // a range the source publishes nothing of: a source error, and no file at all
        Assert.Contains("No data for", emptyLog, StringComparison.Ordinal);
        Assert.False(File.Exists(empty), emptyLog);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)!)); // no temp file left
    }

    [Fact]
    public async Task Export_ToAFile_EqualsTheSourceCsv_AndAnUnwritablePathIsExitTwo()
    {
        await using var harness = await Harness.StartAsync();
        var cache = TestData.TempDirectory();
        var output = Path.Combine(TestData.TempDirectory(), "btc.csv");
        var query = BtcTradesQuery(harness, cache);

        var (code, log) = await ProcessTests.RunAsync(Cli, $"export {query} --output {output}");
        var (badCode, bad) = await ProcessTests.RunAsync(Cli, $"export {query} --output /proc/no/such/dir/x.csv");

        Assert.True(code == 0, log);
        var lines = (await File.ReadAllLinesAsync(output)).ToList();
        var expected = BtcTradesRows();
        Assert.Equal("exchange,symbol,timestamp,local_timestamp,id,side,price,amount", lines[0]);
        Assert.Equal(expected.Select(r => string.Join(',', r[..6])), lines.Skip(1).Select(l => string.Join(',', l.Split(',')[..6])));
        Assert.Equal(expected.Select(r => (double.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture), double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture))), lines.Skip(1).Select(l => l.Split(',')).Select(c => (double.Parse(c[6], System.Globalization.CultureInfo.InvariantCulture), double.Parse(c[7], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(2, badCode);
        Assert.Contains("--output '/proc/no/such/dir/x.csv' cannot be written", bad, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)!)); // no temp file left
    }

    [Fact]
    public async Task Export_AFailedQuery_LeavesThePreviousFileAsItWas_AndANewFolderIsCreated()
    {
        await using var harness = await Harness.StartAsync();
        var cache = TestData.TempDirectory();
        var folder = TestData.TempDirectory();
        var existing = Path.Combine(folder, "btc.csv");
        await File.WriteAllTextAsync(existing, "yesterday's export\n");
        var nested = Path.Combine(folder, "a", "b", "btc.csv");
        var query = BtcTradesQuery(harness, cache);
        var noData = query.Replace("--from 2024-07-18 --to 2024-07-20", "--from 2023-01-01 --to 2023-01-02", StringComparison.Ordinal);

        var (failedCode, failedLog) = await ProcessTests.RunAsync(Cli, $"export {noData} --output {existing}");
        var (code, log) = await ProcessTests.RunAsync(Cli, $"export {query} --output {nested}");

        Assert.Equal(3, failedCode);
        Assert.Contains("No data for", failedLog, StringComparison.Ordinal);
        Assert.Equal("yesterday's export\n", await File.ReadAllTextAsync(existing));
        Assert.Single(Directory.GetFiles(folder)); // the failed export's temp file is gone
        Assert.True(code == 0, log);
        Assert.Equal(BtcTradesRows().Count + 1, (await File.ReadAllLinesAsync(nested)).Length);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(nested)!));
    }

    [Fact]
    public async Task Instruments_ListsTheApiDefinitions_ThenServesThemWithoutAKey_AndWithoutOneFirstIsExitThree()
    {
        await using var harness = await Harness.StartAsync();
        var cache = TestData.TempDirectory();
        var common = $"--endpoint {harness.Emulator.BaseAddress} --cache-dir {cache}";

        var (code, table) = await ProcessTests.RunAsync(Cli, $"instruments --exchange bitmex --kind perpetual --api-key {Harness.ApiKey} {common}");
        var json = await JsonArrayAsync($"instruments --exchange bitmex {common} --json");
        var (noKeyCode, noKey) = await ProcessTests.RunAsync(Cli, $"instruments --exchange bitmex --endpoint {harness.Emulator.BaseAddress} --cache-dir {TestData.TempDirectory()}");

        Assert.Equal(0, code);
        Assert.Contains("BTC-USD-PERP@bitmex", table, StringComparison.Ordinal);
        Assert.Contains("instruments: 1", table, StringComparison.Ordinal);
        var xbt = Assert.Single(json.EnumerateArray());
        Assert.Equal(("XBTUSD", "contracts", 1.0, 3), (xbt.GetProperty("symbol").GetString(), xbt.GetProperty("amount_unit").GetString(), xbt.GetProperty("contract_value").GetDouble(), xbt.GetProperty("changes").GetArrayLength()));
        Assert.Equal(JsonValueKind.Null, xbt.GetProperty("strike_price").ValueKind);
        Assert.Equal(1, harness.Emulator.InstrumentRequests);
        Assert.Equal(3, noKeyCode);
        Assert.Contains("needs an API key", noKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbols_ListsWhatTheMetadataHas_AndSaysSoWhenASourceHasNoListing()
    {
        await using var harness = await Harness.StartAsync();
        var common = $"--endpoint {harness.Emulator.BaseAddress} --cache-dir {TestData.TempDirectory()}";

        var json = await JsonArrayAsync($"symbols --exchange binance-futures {common} --json");
        var (code, none) = await ProcessTests.RunAsync(Cli, $"symbols --exchange binance-futures --source binance --cache-dir {TestData.TempDirectory()}");

        var btc = json.EnumerateArray().Single(s => s.GetProperty("symbol").GetString() == "BTCUSDT");
        Assert.Contains("trades", btc.GetProperty("data_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], json.EnumerateArray().Select(s => s.GetProperty("symbol").GetString()));
        Assert.Equal(3, code);
        Assert.Contains("has no listing of symbols", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ADamagedFile_ExitsOne_AndNamesIt()
    {
        await using var harness = await Harness.StartAsync();
        var cache = TestData.TempDirectory();
        await ProcessTests.RunAsync(Cli, $"prefetch --exchange binance-futures --data-type trades --symbols BTCUSDT --from 2024-07-18 --to 2024-07-19 --endpoint {harness.Emulator.BaseAddress} --api-key {Harness.ApiKey} --cache-dir {cache}");
        var file = Directory.GetFiles(cache, "*.parquet", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);

        var (code, output) = await ProcessTests.RunAsync(Cli, $"verify --cache-dir {cache}");

        Assert.Equal(1, code);
        Assert.Contains("bad: " + file, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus", "Unrecognized command or argument 'bogus'")]
    [InlineData("plan --exchange binance-futures", "Option '--data-type' is required.")]
    [InlineData("plan --exchange binance-futures --data-type trades --symbols BTCUSDT --from 2024-07-20 --to 2024-07-18", "--to 2024-07-18 is not after --from 2024-07-20")]
    [InlineData("plan --exchange binance-futures --data-type trades --symbols BTCUSDT --from 2024-07-18 --to 2024-07-19 --source nope", "--source 'nope' is not a source")]
    [InlineData("purge --older-than soon", "--older-than 'soon' is not an age")]
    public async Task BadArguments_ExitTwo_SayingWhatIsWrong(string arguments, string message)
    {
        var (code, output) = await ProcessTests.RunAsync(Cli, $"{arguments} --cache-dir {TestData.TempDirectory()}");

        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>The options of a query of the bundled BTCUSDT trades of 2024-07-18 and 19 against the harness's emulator.</summary>
    private static string BtcTradesQuery(Harness harness, string cache) =>
        $"--exchange binance-futures --data-type trades --symbols BTCUSDT --from 2024-07-18 --to 2024-07-20 --endpoint {harness.Emulator.BaseAddress} --api-key {Harness.ApiKey} --cache-dir {cache}";

    /// <summary>The source rows of <see cref="BtcTradesQuery"/>, both days in order.</summary>
    private static List<string[]> BtcTradesRows()
    {
        var day = new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);
        return [.. TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "trades", day, "BTCUSDT")), .. TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "trades", day.AddDays(1), "BTCUSDT"))];
    }

    private static async Task<JsonElement> JsonArrayAsync(string arguments)
    {
        var (code, output) = await ProcessTests.RunAsync(Cli, arguments);
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output[output.IndexOf('[', StringComparison.Ordinal)..(output.LastIndexOf(']') + 1)]);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Exchanges_ListsTheEmulatorsExchangesWithDates_BinancesThreeMarkets_AndNoneForAnArchive()
    {
        await using var harness = await Harness.StartAsync();

        var listing = await JsonArrayAsync($"exchanges --endpoint {harness.Emulator.BaseAddress} --json");
        var binance = await JsonArrayAsync("exchanges --source binance --json");
        var (archiveCode, archive) = await ProcessTests.RunAsync(Cli, $"exchanges --source archive --archive {TestData.TempDirectory()}");

        var exchanges = listing.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e);
        var expected = Directory.GetDirectories(Path.Combine(TestData.Root, "v1")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, exchanges.Keys);
        Assert.Equal("2024-08-08", exchanges["binance-delivery"].GetProperty("available_since_utc").GetDateTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, harness.Emulator.MetadataRequests);
        Assert.Equal(["binance", "binance-delivery", "binance-futures"], binance.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(3, archiveCode);
        Assert.Contains("has no listing of exchanges", archive, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> JsonAsync(string arguments)
    {
        var (code, output) = await ProcessTests.RunAsync(Cli, arguments);
        Assert.True(code == 0, output);
        var start = output.IndexOf('{', StringComparison.Ordinal);
        var end = output.LastIndexOf('}');
        using var json = JsonDocument.Parse(output[start..(end + 1)]);
        return json.RootElement.Clone();
    }
}
