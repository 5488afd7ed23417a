using System.Globalization;
using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>
/// Every bundled real file of every data type, read through source → L2 → a fresh client, equals the CSV cell by cell
/// after canonical parsing (doubles bit-equal to double.Parse, empty cells missing, ids as text, enum words as codes).
/// </summary>
public sealed class FidelityTests
{
    public static TheoryData<string> Files() => new(TestData.AllFiles().Select(p => Path.GetRelativePath(TestData.Root, p)));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task GetBatchesAsync_EveryBundledFile_FromSourceAndFromDisk_ValueExact(string relative)
    {
        var path = Path.Combine(TestData.Root, relative);
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        var rows = TestData.ReadCsv(path);
        Assert.Equal(DatasetSchemas.For(dataType).Header, string.Join(',', TestData.ReadHeader(path)));
        var dayFrom = (day - DateTime.UnixEpoch).Ticks / 10;
        // Tardis files a row by local_timestamp (column 3): every row of a day's file belongs to that day.
        var expected = rows.Where(r => long.Parse(r[3], CultureInfo.InvariantCulture) is var t && t >= dayFrom && t < dayFrom + 86_400_000_000).ToList();
        Assert.Equal(rows.Count, expected.Count);
        await using var harness = await Harness.StartAsync();
        var query = new TickQuery(exchange, dataType, symbol, day, day.AddDays(1));

        using (var first = harness.Client())
        {
            Harness.AssertSameAsCsv(dataType, expected, await Harness.ReadBatchesAsync(first, query));
            Assert.Equal(1, first.GetStatistics().SourceFetches);
        }

        using var second = harness.Client();
        Harness.AssertSameAsCsv(dataType, expected, await Harness.ReadBatchesAsync(second, query));
        Assert.Equal(0, second.GetStatistics().UpstreamRequests);
        Assert.Equal(1, second.GetStatistics().DiskHits);
    }

    [Fact]
    public async Task RealWorldQuirks_ArePreservedNotFixed()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var insurance = (await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2023, 4, 5))).Single(t => t.Id == "3535191080");
        Assert.Equal(28722.5, insurance.Price);

        var skewed = await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 8));
        Assert.All(skewed, t => Assert.True(t.LocalTimestamp < t.Timestamp));

        var ticker = await Harness.ReadBatchesAsync(client, new TickQuery("binance-futures", "derivative_ticker", "BTCUSDT", new DateTime(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 4, 5, 0, 0, 0, DateTimeKind.Utc)));
        var view = Assert.Single(ticker).AsDerivativeTickers();
        Assert.All(view.OpenInterest.ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.All(view.FundingRates.ToArray(), v => Assert.False(double.IsNaN(v)));
    }
}
