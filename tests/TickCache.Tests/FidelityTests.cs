using System.Globalization;

namespace TickCache.Tests;

/// <summary>Every bundled real trades file, read through source → L2 → a fresh client, equals the CSV cell by cell.</summary>
public sealed class FidelityTests
{
    public static TheoryData<string> Files() => new(TestData.TradeFiles().Select(p => Path.GetRelativePath(TestData.Root, p)));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task GetTradesAsync_EveryBundledFile_FromSourceAndFromDisk_ValueExact(string relative)
    {
        var path = Path.Combine(TestData.Root, relative);
        var (exchange, symbol, day) = TestData.Describe(path);
        var expected = TestData.ReadCsv(path);
        await using var harness = await Harness.StartAsync();
        var query = new TickQuery(exchange, TardisDataTypes.Trades, symbol, day, day.AddDays(1));

        List<Trade> fromSource, fromDisk;
        using (var first = harness.Client())
        {
            fromSource = await Harness.ReadAllAsync(first, query);
            Assert.Equal(1, first.GetStatistics().SourceFetches);
        }

        using (var second = harness.Client())
        {
            fromDisk = await Harness.ReadAllAsync(second, query);
            Assert.Equal(0, second.GetStatistics().UpstreamRequests);
            Assert.Equal(1, second.GetStatistics().DiskHits);
        }

        // Every row of these files has its timestamp inside its UTC day, so the whole file is expected.
        AssertSame(expected, fromSource);
        AssertSame(expected, fromDisk);
    }

    private static void AssertSame(List<string[]> expected, List<Trade> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            var trade = actual[i];
            Assert.Equal(row[0], trade.Exchange);
            Assert.Equal(row[1], trade.Symbol);
            Assert.Equal(long.Parse(row[2], CultureInfo.InvariantCulture), trade.Timestamp);
            Assert.Equal(long.Parse(row[3], CultureInfo.InvariantCulture), trade.LocalTimestamp);
            Assert.Equal(row[4], trade.Id);
            Assert.Equal(row[5], trade.Side.ToString().ToLowerInvariant());
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(row[6], CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(trade.Price));
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(row[7], CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(trade.Amount));
        }
    }
}
