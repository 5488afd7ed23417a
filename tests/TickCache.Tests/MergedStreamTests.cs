namespace TickCache.Tests;

/// <summary>
/// Several venues' trades merged into one stream by <c>local_timestamp</c>, on the bundled real 2024-08-08 captures
/// (Binance spot, USD-M, COIN-M at the same time), against a brute-force reference: every row exactly once, each
/// keeping its exchange and symbol, ordered by local_timestamp with ties in query order.
/// </summary>
public sealed class MergedStreamTests
{
    private static readonly DateTime Aug8 = new(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ThreeVenues_MergedByLocalTimestamp_EqualsTheStableSortOfAllRows()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        TickQuery[] queries =
        [
            new("binance", TardisDataTypes.Trades, "BTCUSDT", Aug8, Aug8.AddDays(1)),
            new("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Aug8, Aug8.AddDays(1)),
            new("binance-delivery", TardisDataTypes.Trades, "BTCUSD_PERP", Aug8, Aug8.AddDays(1)),
        ];
        var reference = new List<(long Local, int Query, int Row, Trade Trade)>();
        for (var q = 0; q < queries.Length; q++)
        {
            var row = 0;
            await foreach (var trade in client.GetTradesAsync(queries[q]))
            {
                reference.Add((trade.LocalTimestamp, q, row++, trade));
            }
        }

        var merged = new List<Trade>();
        var runs = 0;
        await foreach (var batch in client.GetMergedBatchesAsync(queries))
        {
            runs++;
            var trades = batch.AsTrades();
            merged.AddRange(Enumerable.Range(0, batch.Count).Select(i => trades[i]));
        }

        var expected = reference.OrderBy(r => r.Local).ThenBy(r => r.Query).ThenBy(r => r.Row).Select(r => r.Trade).ToList();
        Assert.Equal(9738 + 21313 + 2285, reference.Count);
        Assert.Equal(expected, merged);
        Assert.Equal(3, merged.Select(t => t.Exchange).Distinct().Count());
        Assert.True(runs > 3 && runs < merged.Count, $"{runs} runs"); // interleaved runs, not one batch per row
    }

    [Fact]
    public async Task QueriesOfDifferentDataTypes_AreAnArgumentError_AtTheCall()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var e = Assert.Throws<ArgumentException>(() => client.GetMergedBatchesAsync(
        [
            new("binance", TardisDataTypes.Trades, "BTCUSDT", Aug8, Aug8.AddDays(1)),
            new("binance", TardisDataTypes.Quotes, "BTCUSDT", Aug8, Aug8.AddDays(1)),
        ]));

        Assert.Contains("one data type", e.Message, StringComparison.Ordinal);
    }
}
