using System.Globalization;
using TickCache;
using TickCache.Emulator;
using TickCache.Samples.CrossExchange;

// One instrument across three venues at the same time: Binance spot BTCUSDT, USD-M BTCUSDT perpetual and COIN-M
// BTCUSD_PERP (contracts of 100 USD), 2024-08-08 23:54–24:00 UTC, real trades and best bid/ask (the bundled
// Binance-format files, served offline by the emulator). Per minute: each venue's VWAP and base volume (COIN-M
// converted from contracts through its instrument definition), and the spot–perp and perp–COIN-M basis in basis
// points of VWAP. Then the lead-lag: which venue's price moves first, by cross-correlating 100 ms log returns (perp
// and COIN-M mids from bookTicker; spot's last trade price, as Binance publishes no spot bookTicker archive). Last, the
// funding-mining view: a summary of the bundled binance-futures BTCUSDT derivative_ticker days (Tardis format).
var cacheDir = args.Length == 2 && args[0] == "--cache-dir" ? args[1] : Path.Combine(Path.GetTempPath(), "tickcache-cross-exchange");
await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions
{
    DataDirectory = AppContext.BaseDirectory,
    BinanceDataDirectory = Path.Combine(AppContext.BaseDirectory, "data", "binance-public-data"),
});
var options = new TickCacheOptions { CacheDirectory = cacheDir, DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress };
options.BinancePublicData.Endpoint = emulator.RootAddress;
await using var client = new TickCacheClient(options);

string[] venues = ["BTC-USDT-SPOT@binance", "BTC-USDT-PERP@binance-futures", "BTC-USD-PERP@binance-delivery"];
var day = new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);
var minutes = new SortedDictionary<DateTime, VenueMinute[]>();
var mids = new MidSeries[] { new(), new(), new() };
for (var v = 0; v < venues.Length; v++)
{
    var instrument = client.ResolveInstrument(venues[v]) ?? throw new InvalidOperationException($"No instrument {venues[v]}.");
    var query = new TickQuery(instrument.Exchange, TardisDataTypes.Trades, instrument.Symbol, day, day.AddDays(1)) { Source = TickSources.BinancePublicData };
    await foreach (var batch in client.GetTradeBatchesAsync(query))
    {
        var bases = batch.GetBaseAmounts(instrument).Span;
        var prices = batch.Prices.Span;
        var times = batch.Timestamps.Span;
        for (var i = 0; i < batch.Count; i++)
        {
            var ticks = times[i] * 10; // µs → ticks
            var minute = DateTime.UnixEpoch.AddTicks(ticks - (ticks % TimeSpan.TicksPerMinute));
            if (!minutes.TryGetValue(minute, out var row))
            {
                minutes[minute] = row = [new(), new(), new()];
            }

            row[v].Add(bases[i], prices[i]);
            if (v == 0)
            {
                mids[0].Add(times[i], prices[i]);
            }
        }
    }

    if (v > 0)
    {
        var quotes = new TickQuery(instrument.Exchange, TardisDataTypes.Quotes, instrument.Symbol, day, day.AddDays(1)) { Source = TickSources.BinancePublicData };
        await foreach (var batch in client.GetQuoteBatchesAsync(quotes))
        {
            var times = batch.Batch.Timestamps.Span;
            var bids = batch.BidPrices.Span;
            var asks = batch.AskPrices.Span;
            for (var i = 0; i < batch.Batch.Count; i++)
            {
                mids[v].Add(times[i], (bids[i] + asks[i]) / 2);
            }
        }
    }
}

Console.WriteLine("minute (UTC)      spot vwap    spot BTC   perp vwap    perp BTC   coin-m vwap  coin-m BTC  spot-perp bps  perp-coinm bps");
foreach (var (minute, row) in minutes)
{
    var spotPerp = (row[0].Vwap / row[1].Vwap - 1) * 1e4;
    var perpCoinM = (row[1].Vwap / row[2].Vwap - 1) * 1e4;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{minute:yyyy-MM-dd HH:mm}  {row[0].Vwap,10:0.00}  {row[0].BaseVolume,9:0.000}  {row[1].Vwap,10:0.00}  {row[1].BaseVolume,9:0.000}  {row[2].Vwap,11:0.00}  {row[2].BaseVolume,10:0.0000}  {spotPerp,13:0.00}  {perpCoinM,14:0.00}"));
}

const long Step = 100_000; // 100 ms in µs
var start = mids.Max(m => m.First);
var steps = (int)((mids.Min(m => m.Last) - start) / Step);
var returns = mids.Select(m => m.Returns(start, Step, steps)).ToArray();
string[] names = ["spot", "perp", "coin-m"];
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lead-lag: {steps} returns of 100 ms, lags up to ±1 s (positive lag: the first venue moves first)"));
foreach (var (a, b) in new[] { (1, 0), (1, 2), (0, 2) })
{
    var (lag, correlation) = LeadLag.Best(returns[a], returns[b], 10);
    var verdict = lag == 0 ? "together" : lag > 0 ? $"{names[a]} leads by {lag * 100} ms" : $"{names[b]} leads by {-lag * 100} ms";
    var (before, after) = (LeadLag.Correlation(returns[a], returns[b], -1), LeadLag.Correlation(returns[a], returns[b], 1));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {names[a],-6} vs {names[b],-6}  corr at -100/0/+100 ms: {before,6:0.000} {LeadLag.Correlation(returns[a], returns[b], 0),6:0.000} {after,6:0.000}  best lag: {lag * 100,5} ms (corr {correlation:0.000})  {verdict}"));
}

var funding = new SortedDictionary<DateTime, FundingDay>();
var tickers = new TickQuery("binance-futures", TardisDataTypes.DerivativeTicker, "BTCUSDT", new DateTime(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 4, 6, 0, 0, 0, DateTimeKind.Utc));
await foreach (var batch in client.GetDerivativeTickerBatchesAsync(tickers))
{
    var chunk = batch.Batch.ChunkStartUtc;
    var row = funding.TryGetValue(chunk, out var existing) ? existing : funding[chunk] = new FundingDay();
    var rates = batch.FundingRates.Span;
    var next = batch.FundingTimestamps.Span;
    var marks = batch.MarkPrices.Span;
    var indexes = batch.IndexPrices.Span;
    var interest = batch.OpenInterest.Span;
    for (var i = 0; i < batch.Batch.Count; i++)
    {
        row.Add(rates[i], next[i], marks[i], indexes[i], interest[i]);
    }
}

Console.WriteLine();
Console.WriteLine("funding: binance-futures BTCUSDT derivative_ticker (funding every 8 h: annualized = rate × 3 × 365)");
Console.WriteLine("day (UTC)    rows  min rate     max rate     last rate    annualized  settlements  mark-index bps  open interest");
foreach (var (date, row) in funding)
{
    var openInterest = double.IsNaN(row.LastOpenInterest) ? "n/a" : row.LastOpenInterest.ToString("0.###", CultureInfo.InvariantCulture);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}  {row.Rows,5}  {row.MinRate,11:0.00000000}  {row.MaxRate,11:0.00000000}  {row.LastRate,11:0.00000000}  {row.LastRate * 3 * 365,9:0.00%}  {row.Settlements,11}  {row.MeanPremiumBps,14:0.00}  {openInterest,13}"));
}

var stats = client.GetStatistics();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"summary: minutes={minutes.Count} rows={stats.Rows} l2_hits={stats.DiskHits} upstream_requests={stats.UpstreamRequests}"));
