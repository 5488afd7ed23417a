using TickCache.Formats;

namespace TickCache.Tests;

public sealed class TradeColumnsBuilderTests
{
    [Fact]
    public void Add_PastInitialCapacityThenNonNumericId_KeepsEveryRowAndIdText()
    {
        var builder = new TradeColumnsBuilder(16);
        for (var i = 0; i < 100; i++)
        {
            builder.Add(i, i + 1, 1000 + i, TradeSide.Buy, i * 0.5, 1);
        }

        builder.Add(100, 101, "a1b2-c3", TradeSide.Sell, 50, 2);
        for (var i = 101; i < 150; i++)
        {
            builder.Add(i, i + 1, (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), TradeSide.Unknown, i * 0.5, 1);
        }

        var columns = builder.Build("BTCUSDT");

        Assert.Equal(150, columns.Count);
        Assert.Null(columns.NumericIds);
        Assert.Equal("1000", columns.StringIds![0]);
        Assert.Equal("1099", columns.StringIds[99]);
        Assert.Equal("a1b2-c3", columns.StringIds[100]);
        Assert.Equal("1149", columns.StringIds[149]);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (long)i), columns.Timestamps.Take(150));
        Assert.Equal(TradeSide.Sell, columns.Sides[100]);
        Assert.Equal((0L, 149L), columns.TimestampBounds);
    }

    [Theory]
    [InlineData("61800.3")]
    [InlineData("0.00056")]
    [InlineData("-0")]
    [InlineData("1e-7")]
    [InlineData("123456789012345678901234")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("28722.5")]
    public void TryParseDouble_AnyDecimal_SameBitsAsBcl(string text)
    {
        Assert.True(CsvNumbers.TryParseDouble(System.Text.Encoding.ASCII.GetBytes(text), out var value));
        var expected = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("007")]
    [InlineData("-5")]
    [InlineData("12a")]
    [InlineData("1234567890123456789")]
    public void TryParseCanonicalId_NonCanonical_False(string text) =>
        Assert.False(CsvNumbers.TryParseCanonicalId(System.Text.Encoding.ASCII.GetBytes(text), out _));
}
