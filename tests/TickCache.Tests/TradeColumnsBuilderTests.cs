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
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(1001)]
    public void TimestampBounds_AnyCountAndOrder_SameAsAScalarScan(int rows)
    {
        var random = new Random(rows);
        var builder = new ChunkColumnsBuilder(DatasetSchemas.For("trades"), 16);
        builder.InternSymbol("BTCUSDT");
        var timestamps = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            // Odd counts include extremes: the vector lanes must not lose long.MinValue/MaxValue or the tail after the last vector.
            timestamps[i] = (rows % 2, random.Next(50)) switch { (1, 0) => long.MinValue, (1, 1) => long.MaxValue, _ => random.NextInt64(-1_000_000, 1_000_000) };
            var row = builder.AddRow(0);
            builder.SetInt64(0, row, timestamps[i]);
            builder.SetInt64(1, row, 0);
            builder.SetByte(0, row, (byte)TradeSide.Buy);
            builder.SetDouble(0, row, 1);
            builder.SetDouble(1, row, 1);
            builder.SetId(row, i);
        }

        var columns = builder.Build();

        Assert.Equal(rows == 0 ? (0L, -1L) : (timestamps.Min(), timestamps.Max()), columns.TimestampBounds);
        columns.Release();
    }

    [Theory]
    [InlineData(1000, 0)]
    [InlineData(1000, 1)]
    [InlineData(5000, -2000)]
    [InlineData(1_990_000, 0)]
    public void Reserve_EstimateShortOfTheRows_FillsThePooledArraysBeforeGrowing(int estimate, int beyondRoom)
    {
        var builder = new ChunkColumnsBuilder(DatasetSchemas.For("trades"), 16);
        builder.InternSymbol("BTCUSDT");
        builder.Reserve(estimate);
        var room = builder.PooledRoom(); // the rented arrays' length: at least the estimate (the pool's size class)
        Assert.True(room >= estimate);
        var rows = room + beyondRoom;
        for (var i = 0; i < rows; i++)
        {
            var row = builder.AddRow(0);
            builder.SetInt64(0, row, i);
            builder.SetInt64(1, row, i);
            builder.SetByte(0, row, (byte)TradeSide.Buy);
            builder.SetDouble(0, row, i);
            builder.SetDouble(1, row, 1);
            builder.SetId(row, i);
        }

        var after = builder.PooledRoom();
        var columns = builder.Build();

        Assert.Equal(rows, columns.Count);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (long)i), columns.Timestamps.Take(rows));
        Assert.Equal(Enumerable.Range(0, rows).Select(i => (long)i), columns.NumericIds!.Take(rows));
        if (rows <= room)
        {
            // Rows up to the room the estimate's arrays had stay in them (growing by 25 % from the estimate would have
            // rented and copied into longer arrays). The pool may hand each column an array of a larger class, so the
            // room (the shortest) is compared, not one class length.
            Assert.Equal(room, after);
        }
        else
        {
            Assert.True(after >= room + (room / 4), $"{after} after {room}");
        }

        columns.Release();
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
    [InlineData("61800.3")]
    [InlineData("0.003")]
    [InlineData("28145.1")]
    [InlineData("12345678.12345678")]
    [InlineData("1234567.12345678")]
    [InlineData("99999999")]
    [InlineData("0.1")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("-61800.3")]
    [InlineData("1e5")]
    [InlineData("")]
    [InlineData("123456789012345")]
    [InlineData("1234567890.123456")]
    public void TryParseDoubleCell_VectorPathWithTrailingRow_SameAsBclOrRejected(string cell)
    {
        var text = System.Text.Encoding.ASCII.GetBytes(cell + ",0.5,61000.1,123456789,buy,xyz");
        var parsed = CsvNumbers.TryParseDoubleCell(text, out var value, out var length);
        var bcl = cell.Length == 0 ? (true, double.NaN) : (double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v), v);

        Assert.Equal(bcl.Item1, parsed);
        Assert.Equal(cell.Length, length);
        if (parsed)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(bcl.Item2), BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Fact]
    public void TryParseDoubleCell_RandomDecimals_SameBitsAsBcl()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var whole = random.Next(0, 4) switch { 0 => random.Next(0, 10), 1 => random.Next(0, 100_000), 2 => random.Next(), _ => random.NextInt64(0, 100_000_000) };
            var fraction = random.Next(0, 9);
            var cell = fraction == 0 ? whole.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{whole}.{random.NextInt64(0, (long)Math.Pow(10, fraction)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(fraction, '0')}";
            var text = System.Text.Encoding.ASCII.GetBytes(cell + ",0.001,61000.1,1680652700590000");

            Assert.True(CsvNumbers.TryParseDoubleCell(text, out var value, out var length), cell);
            Assert.Equal(cell.Length, length);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
        }
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
