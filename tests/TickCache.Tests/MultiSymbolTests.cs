namespace TickCache.Tests;

public sealed class MultiSymbolTests
{
    [Fact]
    public async Task TwoSymbols_MergedByLocalTimestamp_StableAndEachRowKeepsItsSymbol()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var from = new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);
        var btc = await Harness.ReadAllAsync(client, new TickQuery("binance-futures", "trades", "BTCUSDT", from, from.AddDays(2)));
        var eth = await Harness.ReadAllAsync(client, new TickQuery("binance-futures", "trades", "ETHUSDT", from, from.AddDays(2)));

        var merged = await Harness.ReadAllAsync(client, new TickQuery("binance-futures", "trades", ["BTCUSDT", "ETHUSDT"], from, from.AddDays(2)));

        Assert.Equal(btc.Count + eth.Count, merged.Count);
        Assert.Equal(btc, merged.Where(t => t.Symbol == "BTCUSDT"));
        Assert.Equal(eth, merged.Where(t => t.Symbol == "ETHUSDT"));
        for (var i = 1; i < merged.Count; i++)
        {
            Assert.True(merged[i - 1].LocalTimestamp <= merged[i].LocalTimestamp, $"row {i} goes back in local_timestamp");
            if (merged[i - 1].LocalTimestamp == merged[i].LocalTimestamp && merged[i - 1].Symbol != merged[i].Symbol)
            {
                Assert.Equal("BTCUSDT", merged[i - 1].Symbol);
            }
        }

        Assert.Equal(4, client.GetStatistics().SourceFetches);
        Assert.Equal(4, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public void Constructor_DuplicateOrNoSymbols_Throws()
    {
        var from = new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new TickQuery("binance-futures", "trades", ["BTCUSDT", "btcusdt"], from, from.AddDays(1))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TickQuery("binance-futures", "trades", Array.Empty<string>(), from, from.AddDays(1)));
    }
}
