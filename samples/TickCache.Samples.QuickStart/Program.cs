using TickCache;

// Real Tardis.dev data: set TARDIS_API_KEY (the first day of each month is free without a key).
using var client = new TickCacheClient(new TickCacheOptions
{
    CacheDirectory = Path.Combine(Path.GetTempPath(), "tick-cache"),
});

var query = new TickQuery(
    exchange: "binance-futures",
    dataType: TardisDataTypes.Trades,
    symbol: "BTCUSDT",
    fromUtc: new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
    toUtc: new DateTime(2024, 7, 2, 0, 0, 0, DateTimeKind.Utc));

double volume = 0, notional = 0;
await foreach (var batch in client.GetTradeBatchesAsync(query))
{
    var prices = batch.Prices.Span;
    var amounts = batch.Amounts.Span;
    for (var i = 0; i < batch.Count; i++)
    {
        volume += amounts[i];
        notional += prices[i] * amounts[i];
    }
}

Console.WriteLine($"VWAP {notional / volume:F2} over {volume:F3} BTC");
Console.WriteLine(client.GetStatistics());
