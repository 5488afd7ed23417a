namespace TickCache.Tests;

/// <summary>The typed stream of each data type: the same rows as the untyped batches' views, the data type checked at the call.</summary>
public sealed class TypedStreamTests
{
    private static readonly DateTime Jul18 = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task EachTypedStream_GivesTheUntypedBatchesViews()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        TickQuery Query(string dataType, DateTime day) => new("binance-futures", dataType, "BTCUSDT", day, day.AddDays(1));

        var quotes = await CountAsync(client.GetQuoteBatchesAsync(Query(TardisDataTypes.Quotes, Jul18)), b => b.AskPrices.Length);
        var book = await CountAsync(client.GetBookChangeBatchesAsync(Query(TardisDataTypes.IncrementalBookL2, Jul18)), b => b.Prices.Length);
        var snapshots = await CountAsync(client.GetBookSnapshotBatchesAsync(Query(TardisDataTypes.BookSnapshot5, Jul18)), b => b.Batch.Count);
        var funding = await CountAsync(client.GetDerivativeTickerBatchesAsync(Query(TardisDataTypes.DerivativeTicker, new DateTime(2023, 4, 5, 0, 0, 0, DateTimeKind.Utc))), b => b.FundingRates.Length);

        Assert.Equal(TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "quotes", Jul18, "BTCUSDT")).Count, quotes);
        Assert.Equal(TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "incremental_book_L2", Jul18, "BTCUSDT")).Count, book);
        Assert.Equal(TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "book_snapshot_5", Jul18, "BTCUSDT")).Count, snapshots);
        Assert.Equal(TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "derivative_ticker", new DateTime(2023, 4, 5, 0, 0, 0, DateTimeKind.Utc), "BTCUSDT")).Count, funding);
    }

    [Fact]
    public async Task TypedStream_OfAnotherDataType_IsAnArgumentErrorAtTheCall_BeforeAnyRequest()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var trades = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Jul18, Jul18.AddDays(1));

        var e = Assert.Throws<ArgumentException>(() => client.GetQuoteBatchesAsync(trades));
        Assert.Throws<ArgumentException>(() => client.GetOptionsChainBatchesAsync(trades));

        Assert.Contains("GetQuoteBatchesAsync reads 'quotes' or 'book_ticker'", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Emulator.DatasetRequests);
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> batches, Func<T, int> rows)
    {
        var total = 0;
        await foreach (var batch in batches)
        {
            total += rows(batch);
        }

        return total;
    }
}
