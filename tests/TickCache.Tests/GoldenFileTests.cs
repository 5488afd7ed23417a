using TickCache.Emulator;

namespace TickCache.Tests;

/// <summary>
/// L2 files written by format v1 (committed under golden/, made from the real ETHUSDT 2024-08-09 files) must stay
/// readable, value-exact, by every later version: a change that breaks them must bump the format version instead.
/// </summary>
public sealed class GoldenFileTests
{
    [Theory]
    [InlineData("trades")]
    [InlineData("quotes")]
    public async Task CommittedV1File_IsServedFromDiskValueExact(string dataType)
    {
        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = TestData.Root, ApiKey = Harness.ApiKey });
        var cache = TestData.TempDirectory();
        var target = Path.Combine(cache, "v1", "binance-futures", dataType, "ETHUSDT", "2024", "08", "09.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "golden", $"{dataType}-binance-futures-ETHUSDT-2024-08-09.parquet"), target);
        using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = cache, DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress, ApiKey = Harness.ApiKey });
        var day = new DateTime(2024, 8, 9, 0, 0, 0, DateTimeKind.Utc);

        var batches = await Harness.ReadBatchesAsync(client, new TickQuery("binance-futures", dataType, "ETHUSDT", day, day.AddDays(1)));

        var expected = TestData.ReadCsv(Path.Combine(TestData.Root, "v1", "binance-futures", dataType, "2024", "08", "09", "ETHUSDT.csv.gz"));
        Harness.AssertSameAsCsv(dataType, expected, batches);
        Assert.Equal(1, client.GetStatistics().DiskHits);
        Assert.Equal(0, emulator.DatasetRequests);
    }
}
