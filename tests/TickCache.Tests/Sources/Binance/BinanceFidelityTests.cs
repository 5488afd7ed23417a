using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace TickCache.Tests.Sources.Binance;

/// <summary>
/// The bundled Binance-format files (converted from real websocket captures), read through the whole chain (emulator
/// over HTTP → checksum → zip → decode → L2 → L1), equal the raw messages of the captures cell by cell: every
/// <c>@trade</c> of the day (by trade time, in trade-id order) and every futures <c>@bookTicker</c> (by transaction time,
/// in capture order), on the cold read and on the warm read from L2.
/// </summary>
public sealed class BinanceFidelityTests
{
    public static TheoryData<string, string, string, string> TradeFiles => new()
    {
        { "usdm_btcusdt_20240808", "binance-futures", "BTCUSDT", "2024-08-08" },
        { "usdm_btcusdt_20240718", "binance-futures", "BTCUSDT", "2024-07-18" },
        { "usdm_btcusdt_20240719", "binance-futures", "BTCUSDT", "2024-07-19" },
        { "usdm_ethusdt_20240808", "binance-futures", "ETHUSDT", "2024-08-08" },
        { "usdm_ethusdt_20240808", "binance-futures", "ETHUSDT", "2024-08-09" },
        { "spot_btcusdt_20240808", "binance", "BTCUSDT", "2024-08-08" },
        { "cm_btcusd_perp_20240808", "binance-delivery", "BTCUSD_PERP", "2024-08-08" },
    };

    [Theory]
    [MemberData(nameof(TradeFiles))]
    public async Task Trades_EqualTheRawTradeMessages_CellByCell(string capture, string exchange, string symbol, string date)
    {
        var day = Day(date);
        var expected = Raw(capture, "@trade").Where(m => DayOf(m.GetProperty("T").GetInt64()) == day).OrderBy(m => m.GetProperty("t").GetInt64()).ToList();
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        var cache = TestData.TempDirectory();
        var query = new TickQuery(exchange, TardisDataTypes.Trades, symbol, day, day.AddDays(1)) { Source = TickSources.BinancePublicData };

        for (var run = 0; run < 2; run++)
        {
            await using var client = folder.Client(cache);
            var trades = new List<Trade>();
            await foreach (var trade in client.GetTradesAsync(query))
            {
                trades.Add(trade);
            }

            Assert.Equal(expected.Count, trades.Count);
            for (var i = 0; i < trades.Count; i++)
            {
                var m = expected[i];
                var time = m.GetProperty("T").GetInt64() * 1000;
                Assert.Equal(
                    (time, time, m.GetProperty("t").GetInt64().ToString(CultureInfo.InvariantCulture), m.GetProperty("m").GetBoolean() ? TradeSide.Sell : TradeSide.Buy, Number(m, "p"), Number(m, "q"), symbol, exchange),
                    (trades[i].Timestamp, trades[i].LocalTimestamp, trades[i].Id, trades[i].Side, trades[i].Price, trades[i].Amount, trades[i].Symbol, trades[i].Exchange));
            }

            Assert.Equal(run == 0 ? 0 : 1, client.GetStatistics().DiskHits);
        }
    }

    [Theory]
    [InlineData("usdm_btcusdt_20240718", "binance-futures", "BTCUSDT", "2024-07-18")]
    [InlineData("cm_btcusd_perp_20240808", "binance-delivery", "BTCUSD_PERP", "2024-08-08")]
    public async Task BookTicker_EqualsTheRawBookTickerMessages_CellByCell(string capture, string exchange, string symbol, string date)
    {
        var day = Day(date);
        var expected = Raw(capture, "@bookTicker").Where(m => DayOf(m.GetProperty("T").GetInt64()) == day).ToList();
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory());
        var query = new TickQuery(exchange, TardisDataTypes.Quotes, symbol, day, day.AddDays(1)) { Source = TickSources.BinancePublicData };

        var quotes = new List<Quote>();
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            var view = batch.AsQuotes();
            quotes.AddRange(Enumerable.Range(0, batch.Count).Select(i => view[i]));
        }

        Assert.Equal(expected.Count, quotes.Count);
        for (var i = 0; i < quotes.Count; i++)
        {
            var m = expected[i];
            Assert.Equal(
                (m.GetProperty("T").GetInt64() * 1000, m.GetProperty("E").GetInt64() * 1000, Number(m, "b"), Number(m, "B"), Number(m, "a"), Number(m, "A")),
                (quotes[i].Timestamp, quotes[i].LocalTimestamp, quotes[i].BidPrice, quotes[i].BidAmount, quotes[i].AskPrice, quotes[i].AskAmount));
        }
    }

    [Fact]
    public async Task MonthlyFile_HoldsExactlyTheRowsOfItsDailyFiles()
    {
        // The bundled 2024-07 monthly file was built from the same captures as the 07-18 and 07-19 daily files.
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        var month = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Day("2024-07-01"), Day("2024-08-01")) { Source = TickSources.BinancePublicData };
        var days = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Day("2024-07-18"), Day("2024-07-20")) { Source = TickSources.BinancePublicData };

        var fromMonth = await ReadAsync(folder.Client(TestData.TempDirectory()), month);
        var fromDays = await ReadAsync(folder.Client(TestData.TempDirectory()), days);

        Assert.Equal(974 + 9727, fromDays.Count);
        Assert.Equal(fromDays, fromMonth);
        Assert.Equal(1, folder.Emulator.RequestsFor(BinanceFolder.PathOf("futures/um", "monthly", "trades", "BTCUSDT", "2024-07")));
    }

    private static async Task<List<Trade>> ReadAsync(TickCacheClient client, TickQuery query)
    {
        await using (client)
        {
            var trades = new List<Trade>();
            await foreach (var trade in client.GetTradesAsync(query))
            {
                trades.Add(trade);
            }

            return trades;
        }
    }

    /// <summary>The <c>data</c> objects of the capture's messages of one stream kind, in capture order (raw lines: <c>&lt;local ns&gt; &lt;json&gt;</c>).</summary>
    private static List<JsonElement> Raw(string capture, string stream)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", "binance-ws", capture + ".jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var messages = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            if (json.RootElement.GetProperty("stream").GetString()!.EndsWith(stream, StringComparison.Ordinal))
            {
                messages.Add(json.RootElement.GetProperty("data").Clone());
            }
        }

        return messages;
    }

    private static double Number(JsonElement message, string name) => double.Parse(message.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static DateTime DayOf(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime.Date;

    private static DateTime Day(string date) => DateTime.SpecifyKind(DateTime.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
