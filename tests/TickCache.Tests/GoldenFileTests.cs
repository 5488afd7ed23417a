using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Tests;

/// <summary>
/// L2 files written by earlier format versions (committed under golden/, made from the real ETHUSDT 2024-08-09 files
/// as they were bundled then, filed by exchange timestamp; those CSVs are kept beside them as golden/source-*.csv.gz)
/// must stay readable, value-exact, by every later version: a change that breaks the current one must bump the format
/// version instead. v1: doubles plain; v2: decimal-valued doubles as scaled int64; v3 (written from the v2 file's
/// columns): standard Parquet (TIMESTAMP, DOUBLE with nulls, enum codes INT32 PLAIN, content hash); v3 sealed (written
/// from the v3 file's columns, 2026-12-03): the same schema with dense doubles REQUIRED, enum codes INT32
/// DELTA_BINARY_PACKED annotated UINT_8, int pages uncompressed, and the whole-file seal.
/// </summary>
public sealed class GoldenFileTests
{
    private static readonly DateTime Day = new(2024, 8, 9, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("trades")]
    [InlineData("quotes")]
    public async Task CommittedCurrentVersionFile_IsReadFromDiskValueExact(string dataType)
    {
        Assert.Equal(3, ChunkKey.CurrentFormatVersion);
        var cache = TestData.TempDirectory();
        var target = Path.Combine(cache, "v3", "binance-futures", dataType, "ETHUSDT", "2024", "08", "09.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(GoldenPath(3, dataType), target);
        var counters = new CacheCounters();
        var disk = new DiskTier(cache, NullLogger.Instance, counters, TimeProvider.System);
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", dataType, "ETHUSDT", Day, TimeSpan.FromDays(1));

        var columns = await disk.TryReadAsync(key, CancellationToken.None);

        Assert.NotNull(columns);
        Harness.AssertSameAsCsv(dataType, ExpectedRows(dataType), [new TickBatch("binance-futures", Day, columns, 0, columns.Count)]);
        Assert.Equal(1, counters.Snapshot().DiskHits);
        Assert.True(File.Exists(target), "a good file is not quarantined");
    }

    [Theory]
    [InlineData(1, "trades")]
    [InlineData(1, "quotes")]
    [InlineData(2, "trades")]
    [InlineData(2, "quotes")]
    public async Task CommittedOlderVersionFile_ReadsValueExact(int version, string dataType)
    {
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", dataType, "ETHUSDT", Day, TimeSpan.FromDays(1), formatVersion: version);

        var (columns, problem) = await ParquetChunkCodec.ReadAsync(await File.ReadAllBytesAsync(GoldenPath(version, dataType)), key, CancellationToken.None);

        Assert.Null(problem);
        Harness.AssertSameAsCsv(dataType, ExpectedRows(dataType), [new TickBatch("binance-futures", Day, columns!, 0, columns!.Count)]);
    }

    [Theory]
    [InlineData("trades", true)]
    [InlineData("trades", false)]
    [InlineData("quotes", true)]
    [InlineData("quotes", false)]
    public async Task CommittedSealedV3File_ReadsValueExact_ByEitherDecoder(string dataType, bool ownPages)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "golden", $"v3-sealed-{dataType}-binance-futures-ETHUSDT-2024-08-09.parquet"));
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", dataType, "ETHUSDT", Day, TimeSpan.FromDays(1));
        var seal = ulong.Parse(Formats.Pages.PageLayout.TryRead(bytes)!.Metadata[FileSeal.Key], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);

        var (columns, problem) = await ParquetChunkCodec.ReadAsync(bytes, key, CancellationToken.None, ownPages);

        Assert.True(FileSeal.Verify(bytes, seal));
        Assert.Null(problem);
        Harness.AssertSameAsCsv(dataType, ExpectedRows(dataType), [new TickBatch("binance-futures", Day, columns!, 0, columns!.Count)]);
    }

    private static string GoldenPath(int version, string dataType) =>
        Path.Combine(AppContext.BaseDirectory, "golden", $"v{version}-{dataType}-binance-futures-ETHUSDT-2024-08-09.parquet");

    private static List<string[]> ExpectedRows(string dataType) =>
        TestData.ReadCsv(Path.Combine(AppContext.BaseDirectory, "golden", $"source-{dataType}-binance-futures-ETHUSDT-2024-08-09.csv.gz"));
}
