using System.Globalization;
using TickCache;
using TickCache.Emulator;
using TickCache.Samples.CrossExchange;

// One instrument across three venues at the same time: Binance spot BTCUSDT, USD-M BTCUSDT perpetual and COIN-M
// BTCUSD_PERP (contracts of 100 USD), 2024-08-08 23:54–24:00 UTC, real trades (the bundled Binance-format files,
// served offline by the emulator). Per minute: each venue's VWAP and base volume (COIN-M converted from contracts
// through its instrument definition), and the spot–perp and perp–COIN-M basis in basis points of VWAP.
var cacheDir = args.Length == 2 && args[0] == "--cache-dir" ? args[1] : Path.Combine(Path.GetTempPath(), "tickcache-cross-exchange");
await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions
{
    DataDirectory = AppContext.BaseDirectory,
    BinanceDataDirectory = Path.Combine(AppContext.BaseDirectory, "data", "binance-public-data"),
});
var options = new TickCacheOptions { CacheDirectory = cacheDir };
options.BinancePublicData.Endpoint = emulator.RootAddress;
await using var client = new TickCacheClient(options);

string[] venues = ["BTC-USDT-SPOT@binance", "BTC-USDT-PERP@binance-futures", "BTC-USD-PERP@binance-delivery"];
var day = new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);
var minutes = new SortedDictionary<DateTime, VenueMinute[]>();
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

var stats = client.GetStatistics();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"summary: minutes={minutes.Count} rows={stats.Rows} l2_hits={stats.DiskHits} upstream_requests={stats.UpstreamRequests}"));
