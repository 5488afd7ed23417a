using System.IO.Compression;

namespace TickCache.Tests.Sources;

/// <summary>
/// A local archive of Tardis downloads through the client: read value-exact into L1/L2 with no request, both layouts,
/// kept apart from the same day of the Tardis API, damaged and missing files reported with their paths, bad options.
/// </summary>
public sealed class LocalArchiveTests
{
    private static readonly DateTime Jul18 = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TardisClientLayout_ValueExact_NoRequest_SecondClientFromDisk()
    {
        var archive = ArchiveFolder.Create(("binance-futures", "trades", "BTCUSDT", Jul18, null), ("binance-futures", "trades", "BTCUSDT", Jul18.AddDays(1), null));
        var cache = TestData.TempDirectory();
        var query = Query("binance-futures", "trades", "BTCUSDT", Jul18, 2);
        var expected = TestData.ReadCsv(Bundled("binance-futures", "trades", "BTCUSDT", Jul18)).Concat(TestData.ReadCsv(Bundled("binance-futures", "trades", "BTCUSDT", Jul18.AddDays(1)))).ToList();
        var before = Directory.GetFiles(archive).ToDictionary(f => f, File.ReadAllBytes);

        using (var first = Client(cache, new LocalArchiveOptions { Directory = archive }))
        {
            Harness.AssertSameAsCsv("trades", expected, await Harness.ReadBatchesAsync(first, query));
            Assert.Equal((2, 0), (first.GetStatistics().SourceFetches, first.GetStatistics().UpstreamRequests));
        }

        using var second = Client(cache, new LocalArchiveOptions { Directory = archive });
        Harness.AssertSameAsCsv("trades", expected, await Harness.ReadBatchesAsync(second, query));
        Assert.Equal((2, 0, 0), (second.GetStatistics().DiskHits, second.GetStatistics().SourceFetches, second.GetStatistics().UpstreamRequests));
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key))); // the archive is never modified
        Assert.All(Directory.GetFiles(cache, "*.parquet", SearchOption.AllDirectories), f => Assert.Contains($"{TickSources.LocalArchive}{Path.DirectorySeparatorChar}v3", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatasetsMirrorLayout_EveryDataTypeOfADay_ValueExact()
    {
        var options = new LocalArchiveOptions { Directory = Path.Combine(TestData.Root, "v1"), FileNamePattern = LocalArchiveOptions.DatasetsMirrorPattern };
        using var client = Client(TestData.TempDirectory(), options);

        foreach (var dataType in new[] { "trades", "quotes", "incremental_book_L2", "book_snapshot_5" })
        {
            var batches = await Harness.ReadBatchesAsync(client, Query("binance-futures", dataType, "BTCUSDT", Jul18, 1));
            Harness.AssertSameAsCsv(dataType, TestData.ReadCsv(Bundled("binance-futures", dataType, "BTCUSDT", Jul18)), batches);
        }

        Assert.Equal(0, client.GetStatistics().UpstreamRequests);
    }

    [Fact]
    public async Task TruncatedFile_ReportedWithItsPath_NotRetried_NotCached()
    {
        var archive = ArchiveFolder.Create(("binance-futures", "trades", "BTCUSDT", Jul18, null));
        var file = Path.Combine(archive, ArchiveFolder.Name("binance-futures", "trades", "BTCUSDT", Jul18));
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
        var cache = TestData.TempDirectory();
        using var client = Client(cache, new LocalArchiveOptions { Directory = archive });

        var e = await Assert.ThrowsAsync<InvalidChunkDataException>(() => Harness.ReadBatchesAsync(client, Query("binance-futures", "trades", "BTCUSDT", Jul18, 1)));

        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains("Replace the file", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.GetStatistics().SourceFetches);
        Assert.Empty(Directory.GetFiles(cache, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task MissingDay_AloneIsDataNotAvailableNamingTheExpectedPath_InsideARangeAGap()
    {
        var archive = ArchiveFolder.Create(("binance-futures", "trades", "BTCUSDT", Jul18, null));
        using var client = Client(TestData.TempDirectory(), new LocalArchiveOptions { Directory = archive });

        var e = await Assert.ThrowsAsync<DataNotAvailableException>(() => Harness.ReadBatchesAsync(client, Query("binance-futures", "trades", "BTCUSDT", Jul18.AddDays(1), 1)));
        var rows = (await Harness.ReadBatchesAsync(client, Query("binance-futures", "trades", "BTCUSDT", Jul18, 2))).Sum(b => b.Count);
        var gaps = await client.GetKnownGapsAsync(Query("binance-futures", "trades", "BTCUSDT", Jul18, 2));

        Assert.Contains(Path.Combine(archive, ArchiveFolder.Name("binance-futures", "trades", "BTCUSDT", Jul18.AddDays(1))), e.Message, StringComparison.Ordinal);
        Assert.Equal(974, rows);
        Assert.Equal(Jul18.AddDays(1), Assert.Single(gaps).FromUtc);
        Assert.Equal(2, client.GetStatistics().UnavailableChunks);
    }

    [Fact]
    public async Task SameDayFromTheApiAndFromTheArchive_AreTwoChunks_InTwoFiles()
    {
        await using var harness = await Harness.StartAsync();
        var archive = ArchiveFolder.Create(("binance-futures", "trades", "BTCUSDT", Jul18, null));
        using var client = harness.Client(o => o.LocalArchive = new LocalArchiveOptions { Directory = archive });
        var day = Query("binance-futures", "trades", "BTCUSDT", Jul18, 1);

        var fromArchive = await Harness.ReadAllAsync(client, day);
        var fromApi = await Harness.ReadAllAsync(client, new TickQuery("binance-futures", "trades", "BTCUSDT", Jul18, Jul18.AddDays(1)));

        Assert.Equal(fromApi, fromArchive);
        Assert.Equal(2, harness.CachedFiles().Count(f => f.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Equal(1, harness.Emulator.DatasetRequests);
        Assert.Equal(0, client.GetStatistics().DiskCorrupt);
    }

    [Fact]
    public async Task FallThrough_TheDayTheArchiveLacks_ComesFromTheApi_CachedAsTheApis_ThenFromDisk()
    {
        await using var harness = await Harness.StartAsync();
        var archive = ArchiveFolder.Create(("binance-futures", "trades", "BTCUSDT", Jul18, null));
        var options = new LocalArchiveOptions { Directory = archive, FallThroughSource = TickSources.TardisDatasets };
        var query = Query("binance-futures", "trades", "BTCUSDT", Jul18, 2);
        var expected = TestData.ReadCsv(Bundled("binance-futures", "trades", "BTCUSDT", Jul18)).Concat(TestData.ReadCsv(Bundled("binance-futures", "trades", "BTCUSDT", Jul18.AddDays(1)))).ToList();

        using (var first = harness.Client(o => o.LocalArchive = options))
        {
            Harness.AssertSameAsCsv("trades", expected, await Harness.ReadBatchesAsync(first, query));
            Assert.Equal((2, 1), (first.GetStatistics().SourceFetches, harness.Emulator.DatasetRequests)); // (+ the API's metadata)
        }

        using var second = harness.Client(o => o.LocalArchive = options);
        Harness.AssertSameAsCsv("trades", expected, await Harness.ReadBatchesAsync(second, query));
        Assert.Equal((2, 0), (second.GetStatistics().DiskHits, second.GetStatistics().UpstreamRequests));
        Assert.Equal(1, harness.Emulator.RequestsFor("/v1/binance-futures/trades/2024/07/19/BTCUSDT.csv.gz"));
        var files = harness.CachedFiles().Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)).Select(f => Path.GetRelativePath(harness.CacheDirectory, f).Replace('\\', '/')).Order().ToList();
        Assert.Equal(["local-archive/v3/binance-futures/trades/BTCUSDT/2024/07/18.parquet", "v3/binance-futures/trades/BTCUSDT/2024/07/19.parquet"], files);
        Assert.Single(Directory.GetFiles(archive)); // the archive is never written to
    }

    [Theory]
    [InlineData("nope")]
    [InlineData(TickSources.BinancePublicData)]
    [InlineData(TickSources.LocalArchive)]
    public void FallThrough_ToASourceThatCannotStandIn_FailsAtConstruction_NamingTheSetting(string fallThrough)
    {
        var root = TestData.TempDirectory();

        var e = Assert.Throws<ArgumentException>(() => new TickCacheClient(new TickCacheOptions { CacheDirectory = root, LocalArchive = new LocalArchiveOptions { Directory = root, FallThroughSource = fallThrough } }));

        Assert.Contains($"LocalArchive.FallThroughSource '{fallThrough}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(TickSources.TardisDatasets, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "{exchange}_{dataType}_{date}_{symbol}.csv.gz", "LocalArchive.Directory")]
    [InlineData("missing", "{exchange}_{dataType}_{date}_{symbol}.csv.gz", "does not exist")]
    [InlineData("", "{exchange}_{symbol}.csv.gz", "LocalArchive.FileNamePattern")]
    [InlineData("", "../{exchange}_{dataType}_{date}_{symbol}.csv.gz", "not a usable file pattern")]
    [InlineData("", "/abs/{exchange}_{dataType}_{date}_{symbol}.csv.gz", "not a usable file pattern")]
    [InlineData("", "{exchange}_{dataType}_{date}_{symbol}_{hour}.csv.gz", "not a usable file pattern")]
    public void BadOptions_FailAtConstruction_NamingTheSetting(string? directory, string pattern, string message)
    {
        var root = TestData.TempDirectory();
        var folder = directory switch { null => null, "" => root, _ => Path.Combine(root, directory) };

        var e = Assert.Throws<ArgumentException>(() => new TickCacheClient(new TickCacheOptions { CacheDirectory = root, LocalArchive = new LocalArchiveOptions { Directory = folder, FileNamePattern = pattern } }));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    private static TickQuery Query(string exchange, string dataType, string symbol, DateTime from, int days) =>
        new(exchange, dataType, symbol, from, from.AddDays(days)) { Source = TickSources.LocalArchive };

    private static string Bundled(string exchange, string dataType, string symbol, DateTime day) => TestData.FileOf(TestData.Root, exchange, dataType, day, symbol);

    private static TickCacheClient Client(string cache, LocalArchiveOptions archive) =>
        new(new TickCacheOptions { CacheDirectory = cache, LocalArchive = archive, DatasetsEndpoint = new Uri("http://127.0.0.1:9/v1"), MetadataEndpoint = new Uri("http://127.0.0.1:9/v1") });
}
