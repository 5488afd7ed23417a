using TickCache.Emulator;

namespace TickCache.Tests;

/// <summary>Malformed rows from the source fail the chunk with file, line and column; nothing half-decoded is cached.</summary>
public sealed class MalformedRowTests
{
    private const string Header = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n";
    private const string Good = "binance-futures,BTCUSDT,1723075200000000,1723075200001000,1,buy,61000.1,0.5\n";

    public static TheoryData<string, long, string?, string> Rows() => new()
    {
        { Good + "binance-futures,BTCUSDT,1723075200000001,1723075200001001,2,buy,abc,0.5\n", 3, "price", "'abc' is not a decimal number" },
        { Good + Good + "binance-futures,BTCUSDT,1723075200000001,1723075200001001,3,long,61000,1\n", 4, "side", "'long' is not one of 'buy', 'sell', 'unknown'" },
        { "binance-futures,BTCUSDT,1723075200000001,1723075200001001,3,buy,61000\n", 2, "price", "the row has 7 cells, expected 8" },
        { Good + "binance-futures,BTCUSDT,1723075200000001,1723075200001001,3,buy,61000,1,9\n", 3, null, "more than 8 cells" },
        { "binance,BTCUSDT,1723075200000001,1723075200001001,3,buy,61000,1\n", 2, "exchange", "exchange 'binance' is not 'binance-futures'" },
        { Good + "\n\r\n" + Good, 3, null, "the line is empty, and rows follow it" },
        { "\uFEFF" + Good, 2, "exchange", "is not 'binance-futures'" }, // a byte order mark only starts a file, never a row
    };

    /// <summary>What tools add around the rows and the source never does: a byte order mark, CRLF, blank lines at the end. The rows are exact.</summary>
    [Theory]
    [InlineData("\uFEFF", "\n", "")]
    [InlineData("", "\r\n", "\r\n")]
    [InlineData("\uFEFF", "\r\n", "\n\n\r\n")]
    [InlineData("", "\n", "\n")]
    public async Task ByteOrderMarkCrlfAndTrailingBlankLines_AreNotRows_TheRowsAreExact(string bom, string newline, string tail)
    {
        var second = "binance-futures,BTCUSDT,1723075200000002,1723075200001002,2,sell,61000.25,0.125\n";
        var csv = bom + (Header + Good + second).Replace("\n", newline, StringComparison.Ordinal) + tail;
        var data = TestData.TempDirectory();
        await TestData.WriteCsvGzipAsync(data, "binance-futures", "trades", new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc), "BTCUSDT", csv);

        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = data });
        using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = TestData.TempDirectory(), DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress, MaxRetries = 0 });

        var trades = await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 8));

        Assert.Equal(
            [new Trade("binance-futures", "BTCUSDT", 1723075200000000, 1723075200001000, "1", TradeSide.Buy, 61000.1, 0.5), new Trade("binance-futures", "BTCUSDT", 1723075200000002, 1723075200001002, "2", TradeSide.Sell, 61000.25, 0.125)],
            trades);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task MalformedRow_FailsWithLineAndColumn_NothingCached(string rows, long line, string? column, string says)
    {
        var data = TestData.TempDirectory();
        await TestData.WriteCsvGzipAsync(data, "binance-futures", "trades", new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc), "BTCUSDT", Header + rows);

        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = data });
        var cache = TestData.TempDirectory();
        using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = cache, DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress, MaxRetries = 0 });

        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 8)));

        var invalid = Assert.IsType<InvalidChunkDataException>(e.InnerException);
        Assert.Equal(line, invalid.Line);
        Assert.Equal(column, invalid.Column);
        Assert.Contains(says, invalid.Message, StringComparison.Ordinal);
        Assert.Contains("binance-futures/trades/2024/08/08/BTCUSDT.csv.gz", invalid.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories));
    }
}
