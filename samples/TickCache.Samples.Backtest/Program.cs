using System.Diagnostics;
using System.Globalization;
using TickCache;
using TickCache.Emulator;
using TickCache.Samples.Backtest;

// The main job: a small backtest over real Binance-futures BTCUSDT trades, through TickCache.
// Offline by default: an in-process Tardis emulator serves the bundled real files (samples/data).
if (args.Any(a => a is "--help" or "-h"))
{
    Console.WriteLine(SampleArguments.Usage);
    return 0;
}

SampleArguments arguments;
IRemoteStore? sharedStore;
try
{
    arguments = SampleArguments.Parse(args);
    sharedStore = SharedCache.Create(arguments);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var sharedStoreLifetime = sharedStore as IDisposable; // disposed after the client (declared before it)

var clock = Stopwatch.StartNew();
TardisEmulator? emulator = null;
var options = new TickCacheOptions
{
    CacheDirectory = arguments.CacheDirectory,
    RemoteCache = sharedStore is null ? null : new RemoteCacheOptions { Store = sharedStore },
};
try
{
    List<(DateTime From, DateTime To)> ranges;
    var source = TickSources.TardisDatasets;
    if (arguments.Source == "archive")
    {
        // A local archive of Tardis downloads: no emulator, no request. Without --from/--to, the bundled data's days.
        options.LocalArchive = new LocalArchiveOptions { Directory = arguments.Archive, FileNamePattern = arguments.ArchivePattern };
        source = TickSources.LocalArchive;
        ranges = arguments.From is { } from ? [(from, arguments.To!.Value)] : BundledData.Ranges(BundledData.TardisTradeDays(new DatasetCatalog(Path.Combine(AppContext.BaseDirectory, "data")), arguments.Exchange, arguments.Symbol), arguments.Exchange, arguments.Symbol);
        Console.WriteLine($"offline: local archive {arguments.Archive} ({arguments.ArchivePattern}); cache {arguments.CacheDirectory}");
    }
    else if (arguments.Source == "binance")
    {
        // Binance's public archive (no key). Offline: the emulator serves the bundled Binance-format files.
        source = TickSources.BinancePublicData;
        if (arguments.Endpoint is null)
        {
            emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = Path.Combine(AppContext.BaseDirectory, "data"), BinanceDataDirectory = BundledData.BinanceFolder });
            options.BinancePublicData.Endpoint = emulator.RootAddress;
            Console.WriteLine($"offline: emulator at {emulator.RootAddress} over the bundled Binance-format real data; cache {arguments.CacheDirectory}");
        }
        else
        {
            options.BinancePublicData.Endpoint = arguments.Endpoint;
            Console.WriteLine($"online: {arguments.Endpoint}; cache {arguments.CacheDirectory}");
        }

        ranges = arguments.From is { } from ? [(from, arguments.To!.Value)] : BundledData.Ranges(BundledData.BinanceTradeDays(arguments.Exchange, arguments.Symbol), arguments.Exchange, arguments.Symbol);
    }
    else if (arguments.Endpoint is null)
    {
        var apiKey = Guid.NewGuid().ToString("N");
        emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = Path.Combine(AppContext.BaseDirectory, "data"), ApiKey = apiKey });
        options.DatasetsEndpoint = emulator.BaseAddress;
        options.MetadataEndpoint = emulator.BaseAddress;
        options.ApiKey = apiKey;
        ranges = arguments.From is { } from ? [(from, arguments.To!.Value)] : BundledData.Ranges(BundledData.TardisTradeDays(emulator.Catalog, arguments.Exchange, arguments.Symbol), arguments.Exchange, arguments.Symbol);
        Console.WriteLine($"offline: emulator at {emulator.BaseAddress} over the bundled real data; cache {arguments.CacheDirectory}");
    }
    else
    {
        // Metadata (availability, finality) comes from the same server as the files unless told otherwise; the public
        // datasets host keeps its metadata on the public API host (the library's default).
        options.DatasetsEndpoint = arguments.Endpoint;
        options.MetadataEndpoint = arguments.MetadataEndpoint
            ?? (arguments.Endpoint.Host == new TickCacheOptions().DatasetsEndpoint.Host ? new TickCacheOptions().MetadataEndpoint : arguments.Endpoint);
        ranges = [(arguments.From!.Value, arguments.To!.Value)];
        Console.WriteLine($"online: {arguments.Endpoint} (metadata {options.MetadataEndpoint}); cache {arguments.CacheDirectory}");
    }

    if (sharedStore is not null)
    {
        Console.WriteLine($"shared L3: {sharedStore.Name}");
    }

    await using var client = new TickCacheClient(options); // DisposeAsync waits for the L3 write-backs
    var backtest = new BarBacktest();
    var spreads = new SpreadStatistics();
    var funding = new FundingSeries();
    foreach (var (from, to) in ranges)
    {
        await foreach (var batch in client.GetTradeBatchesAsync(new TickQuery(arguments.Exchange, TardisDataTypes.Trades, arguments.Symbol, from, to) { Source = source }))
        {
            backtest.Add(batch);
        }

        // Best bid/ask and funding of the same days, where the source has them (an empty day yields no batch; a
        // symbol without the data type at all, e.g. funding of a spot pair, is skipped with a note).
        await ForEachAsync(client, new TickQuery(arguments.Exchange, TardisDataTypes.Quotes, arguments.Symbol, from, to) { Source = source }, batch => spreads.Add(batch.AsQuotes()));
        if (source == TickSources.BinancePublicData && arguments.Endpoint is null)
        {
            continue; // Binance funding comes in monthly fundingRate files: the bundled data has none (no funding stream in the 2024 captures)
        }

        await ForEachAsync(client, new TickQuery(arguments.Exchange, TardisDataTypes.DerivativeTicker, arguments.Symbol, from, to) { Source = source }, batch => funding.Add(batch.AsDerivativeTickers()));
    }

    Report.Print(backtest);
    spreads.Print();
    funding.Print();
    var stats = client.GetStatistics();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"summary: rows={stats.Rows} chunks={stats.Chunks} l1_hits={stats.MemoryHits} l2_hits={stats.DiskHits} l3_hits={stats.RemoteHits} source_fetches={stats.SourceFetches} upstream_requests={stats.UpstreamRequests} seconds={clock.Elapsed.TotalSeconds:0.000}"));
    return 0;
}
// Every exception the library documents ends the run with one line and a non-zero code, never a stack trace.
catch (DataNotAvailableException e)
{
    return Fail(3, "no data: " + e.Message);
}
catch (TickCacheException e)
{
    return Fail(1, e.Message);
}
catch (ArgumentException e)
{
    return Fail(2, e.Message);
}
catch (OperationCanceledException)
{
    return Fail(130, "cancelled.");
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
{
    return Fail(1, $"{e.GetType().Name}: {e.Message}");
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}

static async Task ForEachAsync(TickCacheClient client, TickQuery query, Action<TickBatch> use)
{
    try
    {
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            use(batch);
        }
    }
    catch (DataNotAvailableException e)
    {
        Console.WriteLine($"skipped {query.DataType}: {e.Message.ReplaceLineEndings(" ")}");
    }
}

static int Fail(int code, string message)
{
    Console.Error.WriteLine(message.ReplaceLineEndings(" "));
    return code;
}
