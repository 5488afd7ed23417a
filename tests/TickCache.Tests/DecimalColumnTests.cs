using System.Globalization;
using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>The exact scaled-integer form of decimal double columns (L2 format v2): lossless or not used at all.</summary>
public sealed class DecimalColumnTests
{
    [Theory]
    [InlineData(new[] { "61800.1", "61800", "61799.9", "0.1" }, 1)]
    [InlineData(new[] { "0.001", "12.345", "0.002" }, 3)]
    [InlineData(new[] { "3", "-7", "0" }, 0)]
    [InlineData(new[] { "0.00000001", "1.5" }, 8)]
    [InlineData(new[] { "1.5", "0.000000000001" }, 12)]
    [InlineData(new[] { "-0.0001234", "99999999.99" }, 7)]
    public void TryEncode_ShortDecimals_SmallestScaleAndBitExactRoundTrip(string[] texts, int expectedScale)
    {
        var values = texts.Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

        var encoded = DecimalColumn.TryEncode(values);

        Assert.NotNull(encoded);
        Assert.Equal(expectedScale, encoded.Value.Scale);
        AssertRoundTrip(values, encoded.Value);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.0)]
    [InlineData(1.0 / 3.0)]
    [InlineData(Math.PI)]
    [InlineData(0.0000000000001)]
    [InlineData(9007199254740993.0 * 4)]
    public void TryEncode_AValueWithoutAnExactShortDecimal_KeepsTheColumnDouble(double odd)
    {
        Assert.Null(DecimalColumn.TryEncode([61800.1, odd, 0.5]));
    }

    [Fact]
    public void TryEncode_RandomWalkPricesAndLogNormalAmounts_RoundTripBitExactOverAVectorTail()
    {
        var random = new Random(7);
        var texts = Enumerable.Range(0, 1_003).Select(i => (61_800 + random.Next(-5_000, 5_000)) / 10.0).Select(p => p.ToString("R", CultureInfo.InvariantCulture))
            .Concat(Enumerable.Range(0, 997).Select(_ => Math.Round(Math.Exp(random.NextDouble() * 8 - 6), 3).ToString("R", CultureInfo.InvariantCulture)));
        var values = texts.Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

        var encoded = DecimalColumn.TryEncode(values);

        Assert.NotNull(encoded);
        Assert.Equal(3, encoded.Value.Scale);
        AssertRoundTrip(values, encoded.Value);
    }

    [Fact]
    public void Decode_InPlaceOverTheDoublesArray_SameBitsAsIntoASeparateArray()
    {
        var values = Enumerable.Range(0, 1_037).Select(i => (61_800_0 + (i % 17) - 8) / 10.0).ToArray();
        var encoded = DecimalColumn.TryEncode(values)!.Value;
        var inPlace = new double[values.Length];
        encoded.Mantissas.AsSpan(0, values.Length).CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(inPlace.AsSpan()));

        using (var asInt64 = new DoublesAsInt64Memory(inPlace))
        {
            DecimalColumn.Decode(asInt64.GetSpan(), encoded.Scale, inPlace);
        }

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), inPlace.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Decode_ScaleOutsideRange_Throws()
    {
        Assert.Throws<InvalidDataException>(() => DecimalColumn.Decode([1L], 13, new double[1]));
    }

    private static void AssertRoundTrip(double[] values, (int Scale, long[] Mantissas) encoded)
    {
        var decoded = new double[values.Length];
        DecimalColumn.Decode(encoded.Mantissas.AsSpan(0, values.Length), encoded.Scale, decoded); // rented: may be longer
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decoded.Select(BitConverter.DoubleToInt64Bits));
    }
}
