using TickCache.Formats;

namespace TickCache.Tests;

public sealed class ChunkColumnsBuilderTests
{
    [Fact]
    public void AddRow_PastInitialCapacityThenNonNumericId_KeepsEveryRowAndIdText()
    {
        var builder = new ChunkColumnsBuilder(DatasetSchemas.For("trades"), 16);
        builder.InternSymbol("BTCUSDT");
        for (var i = 0; i < 150; i++)
        {
            var row = builder.AddRow(0);
            builder.SetInt64(0, row, i);
            builder.SetInt64(1, row, i + 1);
            builder.SetByte(0, row, (byte)(i == 100 ? TradeSide.Sell : TradeSide.Buy));
            builder.SetDouble(0, row, i * 0.5);
            builder.SetDouble(1, row, 1);
            if (i == 100 || !builder.NumericIds)
            {
                builder.SetId(row, i == 100 ? "a1b2-c3" : (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.SetId(row, 1000 + i);
            }
        }

        var columns = builder.Build();

        Assert.Equal(150, columns.Count);
        Assert.Null(columns.NumericIds);
        Assert.Equal("1000", columns.StringIds![0]);
        Assert.Equal("1099", columns.StringIds[99]);
        Assert.Equal("a1b2-c3", columns.StringIds[100]);
        Assert.Equal("1149", columns.StringIds[149]);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (long)i), columns.Timestamps.Take(150));
        Assert.Equal((byte)TradeSide.Sell, columns.Bytes[0][100]);
        Assert.Equal((0L, 149L), columns.TimestampBounds);
        Assert.Equal("BTCUSDT", columns.SymbolAt(149));
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
    [InlineData("61800.3,1", 7)]
    [InlineData("0.00056", 7)]
    [InlineData(",", 0)]
    [InlineData("-0,", 2)]
    [InlineData("1e-7,5", 4)]
    [InlineData("123456789012345678901234,", 24)]
    [InlineData("0.1000000000000000055511151231257827", 36)]
    public void TryParseDoubleCell_UpToComma_SameBitsAsBcl(string text, int cellLength)
    {
        Assert.True(CsvNumbers.TryParseDoubleCell(System.Text.Encoding.ASCII.GetBytes(text), out var value, out var length));
        Assert.Equal(cellLength, length);
        var cell = text[..cellLength];
        var expected = cell.Length == 0 ? double.NaN : double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);
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
