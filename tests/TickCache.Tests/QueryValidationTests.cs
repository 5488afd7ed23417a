namespace TickCache.Tests;

public sealed class QueryValidationTests
{
    private static readonly DateTime From = new(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string?, string, string> BadStrings() => new()
    {
        { null, "exchange", "null" },
        { "", "exchange", "empty" },
        { "   ", "exchange", "whitespace" },
        { "Binance", "exchange", "upper-case" },
        { "binance/../x", "exchange", "path" },
    };

    [Theory]
    [MemberData(nameof(BadStrings))]
    public void Constructor_BadExchange_ThrowsNamingParameter(string? exchange, string parameter, string why)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new TickQuery(exchange!, "trades", "BTCUSDT", From, From.AddDays(1)));
        Assert.Equal(parameter, e.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(e.Message), why);
    }

    [Theory]
    [InlineData("BTC/USDT")]
    [InlineData("..\\..\\etc")]
    [InlineData("..")]
    [InlineData("BTC..USDT")]
    [InlineData("BTC\0USDT")]
    [InlineData("BTC\nUSDT")]
    [InlineData(".hidden")]
    [InlineData(" ")]
    public void Constructor_SymbolWithPathOrControlCharacters_ThrowsArgumentException(string symbol)
    {
        var e = Assert.Throws<ArgumentException>(() => new TickQuery("binance-futures", "trades", symbol, From, From.AddDays(1)));
        Assert.Equal("symbol", e.ParamName);
        Assert.DoesNotContain("\0", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownDataType_ListsValidTypes()
    {
        var e = Assert.Throws<ArgumentException>(() => new TickQuery("binance-futures", "Trades", "BTCUSDT", From, From.AddDays(1)));
        Assert.Equal("dataType", e.ParamName);
        Assert.Contains("incremental_book_L2", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Trades'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FromNotBeforeTo_ThrowsOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TickQuery("binance-futures", "trades", "BTCUSDT", From, From));
        Assert.Equal("toUtc", e.ParamName);
        Assert.Contains("half-open", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LocalOrUnspecifiedKind_ThrowsArgumentException()
    {
        var local = new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2024, 8, 9);
        Assert.Equal("fromUtc", Assert.Throws<ArgumentException>(() => new TickQuery("binance-futures", "trades", "BTCUSDT", local, From.AddDays(2))).ParamName);
        Assert.Equal("toUtc", Assert.Throws<ArgumentException>(() => new TickQuery("binance-futures", "trades", "BTCUSDT", From, unspecified)).ParamName);
    }

    [Fact]
    public void Constructor_DefaultInstant_ThrowsOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TickQuery("binance-futures", "trades", "BTCUSDT", default, From));
        Assert.Equal("fromUtc", e.ParamName);
    }

    [Fact]
    public void Constructor_LowerCaseSymbol_IsUpperCased()
    {
        Assert.Equal("BTCUSDT", new TickQuery("binance-futures", "trades", "btcusdt", From, From.AddDays(1)).Symbol);
    }

    [Fact]
    public async Task GetTradeBatchesAsync_RangeBeyondMaximum_ThrowsBeforeAnyRequest()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => o.MaxQueryLength = TimeSpan.FromDays(2));
        var query = Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 1, days: 3);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => client.GetTradeBatchesAsync(query));

        Assert.Contains("MaxQueryLength", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Emulator.DatasetRequests);
        Assert.Empty(harness.CachedFiles());
    }

    [Fact]
    public void Client_PlainHttpToRemoteHost_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new TickCacheClient(new TickCacheOptions { DatasetsEndpoint = new Uri("http://datasets.example.com/v1") }));
        Assert.Contains("AllowInsecureHttp", e.Message, StringComparison.Ordinal);
    }
}
