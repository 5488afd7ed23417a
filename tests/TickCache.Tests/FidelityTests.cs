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
        var expected = rows.Where(r => long.Parse(r[2], CultureInfo.InvariantCulture) is var t && t >= dayFrom && t < dayFrom + 86_400_000_000).ToList();
        await using var harness = await Harness.StartAsync();
        var query = new TickQuery(exchange, dataType, symbol, day, day.AddDays(1));

        using (var first = harness.Client())
        {
            AssertSame(dataType, expected, await ReadAsync(first, query));
            Assert.Equal(1, first.GetStatistics().SourceFetches);
        }

        using var second = harness.Client();
        AssertSame(dataType, expected, await ReadAsync(second, query));
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

        var ticker = await ReadAsync(client, new TickQuery("binance-futures", "derivative_ticker", "BTCUSDT", new DateTime(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 4, 5, 0, 0, 0, DateTimeKind.Utc)));
        var view = Assert.Single(ticker).AsDerivativeTickers();
        Assert.All(view.OpenInterest.ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.All(view.FundingRates.ToArray(), v => Assert.False(double.IsNaN(v)));
    }

    internal static async Task<List<TickBatch>> ReadAsync(TickCacheClient client, TickQuery query)
    {
        var batches = new List<TickBatch>();
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            batches.Add(batch);
        }

        return batches;
    }

    internal static void AssertSame(string dataType, List<string[]> expected, List<TickBatch> batches)
    {
        var schema = DatasetSchemas.For(dataType);
        Assert.Equal(expected.Count, batches.Sum(b => b.Count));
        var r = 0;
        foreach (var batch in batches)
        {
            var ids = dataType is "trades" or "liquidations" ? batch.AsTrades() : null;
            for (var i = 0; i < batch.Count; i++, r++)
            {
                var row = expected[r];
                Assert.Equal(row[0], batch.Exchange);
                Assert.Equal(row[1], batch.GetSymbol(i));
                for (var c = 0; c < schema.Columns.Count; c++)
                {
                    var spec = schema.Columns[c];
                    var cell = row[c + 2];
                    switch (spec.Kind)
                    {
                        case ColumnKind.Double:
                            var expectedDouble = cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);
                            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDouble), BitConverter.DoubleToInt64Bits(batch.GetDoubles(spec.Name).Span[i]));
                            break;
                        case ColumnKind.Int64:
                            Assert.Equal(cell.Length == 0 ? TickBatch.MissingInt64 : long.Parse(cell, CultureInfo.InvariantCulture), batch.GetInt64s(spec.Name).Span[i]);
                            break;
                        case ColumnKind.Enum:
                            Assert.Equal(spec.EnumCodes![Array.IndexOf(spec.EnumWords!, cell)], batch.GetCodes(spec.Name).Span[i]);
                            break;
                        case ColumnKind.Bool:
                            Assert.Equal(cell == "true" ? 1 : 0, batch.GetCodes(spec.Name).Span[i]);
                            break;
                        case ColumnKind.Text:
                            Assert.Equal(cell, batch.GetTexts(spec.Name).Span[i]);
                            break;
                        default:
                            Assert.Equal(cell, ids![i].Id);
                            break;
                    }
                }
            }
        }
    }
}
