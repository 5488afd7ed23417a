using TickCache.Emulator;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Tests;

/// <summary>
/// L2 files written by earlier format versions (committed under golden/, made from the real ETHUSDT 2024-08-09 files)
/// must stay readable, value-exact, by every later version: a change that breaks the current one must bump the format
/// version instead. v1: doubles plain; v2: decimal-valued doubles as scaled int64.
/// </summary>
public sealed class GoldenFileTests
{
    private static readonly DateTime Day = new(2024, 8, 9, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("trades")]
    [InlineData("quotes")]
    public async Task CommittedCurrentVersionFile_IsServedFromDiskValueExact(string dataType)
    {
        Assert.Equal(2, ChunkKey.CurrentFormatVersion);
        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = TestData.Root, ApiKey = Harness.ApiKey });
        var cache = TestData.TempDirectory();
        var target = Path.Combine(cache, "v2", "binance-futures", dataType, "ETHUSDT", "2024", "08", "09.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(GoldenPath(2, dataType), target);
        using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = cache, DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress, ApiKey = Harness.ApiKey });

        var batches = await Harness.ReadBatchesAsync(client, new TickQuery("binance-futures", dataType, "ETHUSDT", Day, Day.AddDays(1)));

        Harness.AssertSameAsCsv(dataType, ExpectedRows(dataType), batches);
        Assert.Equal(1, client.GetStatistics().DiskHits);
        Assert.Equal(0, emulator.DatasetRequests);
    }

    [Theory]
    [InlineData("trades")]
    [InlineData("quotes")]
    public async Task CommittedV1File_ReadsValueExact(string dataType)
    {
        var key = new ChunkKey(ChunkKey.TardisDatasets, "binance-futures", dataType, "ETHUSDT", Day, TimeSpan.FromDays(1), formatVersion: 1);

        var (columns, problem) = await ParquetChunkCodec.ReadAsync(await File.ReadAllBytesAsync(GoldenPath(1, dataType)), key, CancellationToken.None);

        Assert.Null(problem);
        Harness.AssertSameAsCsv(dataType, ExpectedRows(dataType), [new TickBatch("binance-futures", Day, columns!, 0, columns!.Count)]);
    }

    private static string GoldenPath(int version, string dataType) =>
        Path.Combine(AppContext.BaseDirectory, "golden", $"v{version}-{dataType}-binance-futures-ETHUSDT-2024-08-09.parquet");

    private static List<string[]> ExpectedRows(string dataType) =>
        TestData.ReadCsv(Path.Combine(TestData.Root, "v1", "binance-futures", dataType, "2024", "08", "09", "ETHUSDT.csv.gz"));
}
