using System.Text;
using TickCache.Emulator;

namespace TickCache.Tests.Sources.Binance;

/// <summary>
/// Bad archive files and bad queries for Binance public data, served by a real emulator: each is a clear exception
/// naming the URL (and line, column and value where there is one) and nothing is cached; good variants (spot without a
/// header, µs times, upper-case booleans) decode exactly.
/// </summary>
public sealed class BinanceHostileTests
{
    private const string Date = "2024-07-18";
    private const string Header = "id,price,qty,quote_qty,time,is_buyer_maker\n";
    private const string Row = "5182005737,63943.90,0.003,191.8317,1721347022956,true\n";
    private static readonly DateTime Day = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "wrong cell count", Header + Row + "5182005738,63943.90,0.003,1721347022957,true\n", "the row has 5 cells, expected 6" },
        { "bad number", Header + "5182005737,63943.9O,0.003,191.8317,1721347022956,true\n", "'63943.9O' is not a decimal number" },
        { "bad boolean", Header + "5182005737,63943.90,0.003,191.8317,1721347022956,yes\n", "'yes' is not true or false" },
        { "mixed units", Header + Row + "5182005738,63943.90,0.003,191.8317,1721347022957000,true\n", "a file mixing time units is refused" },
        { "wrong header", "id,price,qty,quote_qty,timestamp,is_buyer_maker\n" + Row, "the header is 'id,price,qty,quote_qty,timestamp,is_buyer_maker'" },
        { "row outside the chunk", Header + Row + "5182005738,63943.90,0.003,191.8317,1721433600000,true\n", "holds a row of another chunk at line 3" },
        { "empty line", Header + Row + "\n" + Row, "line 3: the line is empty, and rows follow it" },
        { "not a time", Header + "5182005737,63943.90,0.003,191.8317,-5,true\n", "is not a time in ms or µs" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadCsv_IsAPermanentErrorNamingTheFileLineAndValue_NothingCached(string what, string csv, string expected)
    {
        await using var folder = await BinanceFolder.StartAsync();
        folder.WriteCsv("futures/um", "daily", "trades", "BTCUSDT", Date, csv);
        var cache = TestData.TempDirectory();
        await using var client = folder.Client(cache);

        var e = await Assert.ThrowsAsync<InvalidChunkDataException>(() => DrainAsync(client, Trades()));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT-trades-2024-07-18.zip", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, folder.Emulator.DatasetRequests); // not retried: the file is what the archive publishes
        Assert.Empty(Directory.EnumerateFiles(cache, "*.parquet", SearchOption.AllDirectories));
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task ZipWithoutExactlyOneCsvEntry_IsRefused(int entries)
    {
        await using var folder = await BinanceFolder.StartAsync();
        folder.WriteZip("futures/um", "daily", "trades", "BTCUSDT", Date, [.. Enumerable.Range(0, entries).Select(i => ($"part{i}.csv", Header + Row))]);
        var cache = TestData.TempDirectory();
        await using var client = folder.Client(cache);

        var e = await Assert.ThrowsAsync<InvalidChunkDataException>(() => DrainAsync(client, Trades()));

        Assert.Contains($"this zip holds {entries} entries", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(cache, "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task NotAZip_WithAMatchingChecksum_IsRefused()
    {
        await using var folder = await BinanceFolder.StartAsync();
        folder.WriteFile("futures/um", "daily", "trades", "BTCUSDT", Date, Encoding.UTF8.GetBytes(Header + Row));
        await using var client = folder.Client(TestData.TempDirectory());

        var e = await Assert.ThrowsAsync<InvalidChunkDataException>(() => DrainAsync(client, Trades()));

        Assert.Contains("it is not a zip file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChecksumMismatch_IsRetried_ThenFailsNamingBothHashes_NothingCached()
    {
        await using var folder = await BinanceFolder.StartAsync();
        var zip = folder.WriteCsv("futures/um", "daily", "trades", "BTCUSDT", Date, Header + Row);
        await File.WriteAllTextAsync(zip + ".CHECKSUM", $"{new string('a', 64)}  BTCUSDT-trades-2024-07-18.zip\n");
        var cache = TestData.TempDirectory();
        await using var client = folder.Client(cache);

        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => DrainAsync(client, Trades()));

        Assert.Contains("published checksum is " + new string('a', 64), e.Message, StringComparison.Ordinal);
        Assert.Equal(3 * 2, folder.Emulator.DatasetRequests); // MaxRetries = 2: three attempts of CHECKSUM + zip
        Assert.Empty(Directory.EnumerateFiles(cache, "*.parquet", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("not a checksum\n", "is not '<sha256 hex>  <file name>'")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000  ETHUSDT-trades-2024-07-18.zip\n", "not of 'BTCUSDT-trades-2024-07-18.zip'")]
    public async Task BadChecksumFile_IsRetried_ThenFailsSayingWhatIsWrong(string checksum, string expected)
    {
        await using var folder = await BinanceFolder.StartAsync();
        var zip = folder.WriteCsv("futures/um", "daily", "trades", "BTCUSDT", Date, Header + Row);
        await File.WriteAllTextAsync(zip + ".CHECKSUM", checksum);
        await using var client = folder.Client(TestData.TempDirectory());

        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => DrainAsync(client, Trades()));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerErrors_AreRetried_AndTheRetryServesIt()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        folder.Emulator.EnqueueFault(EmulatorFault.Status(503)); // the CHECKSUM of attempt 1
        folder.Emulator.EnqueueFault(EmulatorFault.Status(503)); // the CHECKSUM of attempt 2 fails again
        await using var client = folder.Client(TestData.TempDirectory());

        Assert.Equal(974, await DrainAsync(client, Trades()));
        Assert.Equal(2 + 2, folder.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task Every404_IsAGap_AndARangeOfGapsIsDataNotAvailable()
    {
        await using var folder = await BinanceFolder.StartAsync();
        await using var client = folder.Client(TestData.TempDirectory());

        var e = await Assert.ThrowsAsync<DataNotAvailableException>(() => DrainAsync(client, Trades(days: 3)));

        Assert.Contains("HTTP 404", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, client.GetStatistics().UnavailableChunks);
        Assert.Equal(3, folder.Emulator.DatasetRequests); // one CHECKSUM each, no zip
    }

    [Theory]
    [InlineData("deribit", TardisDataTypes.Trades, "has no exchange 'deribit'")]
    [InlineData("binance", TardisDataTypes.Quotes, "has no 'quotes' files for binance")]
    [InlineData("binance", TardisDataTypes.DerivativeTicker, "has no 'derivative_ticker' files for binance")]
    public async Task UnknownMarketOrDataTypeOfTheMarket_IsDataNotAvailable_BeforeAnyRequest(string exchange, string dataType, string expected)
    {
        await using var folder = await BinanceFolder.StartAsync();
        await using var client = folder.Client(TestData.TempDirectory());
        var query = new TickQuery(exchange, dataType, "BTCUSDT", Day, Day.AddDays(1)) { Source = TickSources.BinancePublicData };

        var e = await Assert.ThrowsAsync<DataNotAvailableException>(() => DrainAsync(client, query));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, folder.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task DataTypeTheSourceNeverServes_IsAnArgumentError_AtTheCall()
    {
        await using var folder = await BinanceFolder.StartAsync();
        await using var client = folder.Client(TestData.TempDirectory());
        var query = new TickQuery("binance-futures", TardisDataTypes.IncrementalBookL2, "BTCUSDT", Day, Day.AddDays(1)) { Source = TickSources.BinancePublicData };

        var e = Assert.Throws<ArgumentException>(() => client.GetBatchesAsync(query));

        Assert.Contains("does not serve data type 'incremental_book_L2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpotFile_WithoutHeader_InMicroseconds_WithCapitalisedBooleans_DecodesExactly()
    {
        // Spot files have no header and, from 2025-01-01, µs times (binance-public-data issue #386).
        await using var folder = await BinanceFolder.StartAsync();
        folder.WriteCsv("spot", "daily", "trades", "BTCUSDT", "2025-01-02", "4371000000,94500.01000000,0.00100000,94.50001000,1735776000000123,True,True\n4371000001,94500.00000000,0.50000000,47250.00000000,1735862399999999,False,True");
        await using var client = folder.Client(TestData.TempDirectory());
        var day = new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var query = new TickQuery("binance", TardisDataTypes.Trades, "BTCUSDT", day, day.AddDays(1)) { Source = TickSources.BinancePublicData };

        var trades = new List<Trade>();
        await foreach (var trade in client.GetTradesAsync(query))
        {
            trades.Add(trade);
        }

        Assert.Equal(
            [("4371000000", 1735776000000123L, TradeSide.Sell, 94500.01, 0.001), ("4371000001", 1735862399999999L, TradeSide.Buy, 94500.0, 0.5)],
            trades.Select(t => (t.Id, t.Timestamp, t.Side, t.Price, t.Amount)));
        Assert.All(trades, t => Assert.Equal(t.Timestamp, t.LocalTimestamp));
    }

    [Fact]
    public async Task AggTrades_MapOntoTradesPlusFirstAndLastTradeId()
    {
        await using var folder = await BinanceFolder.StartAsync();
        folder.WriteCsv("futures/um", "daily", "aggTrades", "BTCUSDT", Date, "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n2275386850,63943.90,0.010,5182005737,5182005740,1721347022956,false\n");
        await using var client = folder.Client(TestData.TempDirectory());
        var query = new TickQuery("binance-futures", TardisDataTypes.AggTrades, "BTCUSDT", Day, Day.AddDays(1)) { Source = TickSources.BinancePublicData };

        await foreach (var batch in client.GetTradeBatchesAsync(query))
        {
            Assert.Equal(
                (2275386850L, 1721347022956000L, TradeSide.Buy, 63943.9, 0.01, 5182005737L, 5182005740L),
                (batch.NumericIds.Span[0], batch.Timestamps.Span[0], batch.Sides.Span[0], batch.Prices.Span[0], batch.Amounts.Span[0], batch.Batch.GetInt64s("first_trade_id").Span[0], batch.Batch.GetInt64s("last_trade_id").Span[0]));
            return;
        }

        Assert.Fail("no batch");
    }

    private static TickQuery Trades(int days = 1) =>
        new("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Day, Day.AddDays(days)) { Source = TickSources.BinancePublicData };

    private static async Task<long> DrainAsync(TickCacheClient client, TickQuery query)
    {
        long rows = 0;
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            rows += batch.Count;
        }

        return rows;
    }
}
