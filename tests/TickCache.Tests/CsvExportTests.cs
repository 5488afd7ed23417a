using System.Globalization;

namespace TickCache.Tests;

/// <summary>
/// <see cref="TickBatch.WriteCsvAsync"/> on every bundled real file, every data type, read through the emulator and the
/// cache: the same rows as the source CSV, every cell the same text or a number that parses to the same double, empty
/// cells empty; and the number formatting on values that print with an exponent.
/// </summary>
public sealed class CsvExportTests
{
    public static TheoryData<string> Files => [.. TestData.AllFiles().Select(f => Path.GetRelativePath(TestData.Root, f))];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Export_OfABundledFile_EqualsTheSourceCsv(string relative)
    {
        var path = Path.Combine(TestData.Root, relative);
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var writer = new StringWriter { NewLine = "\n" };
        string? header = null;

        await foreach (var batch in client.GetBatchesAsync(new TickQuery(exchange, dataType, symbol, day, day.AddDays(1))))
        {
            header ??= batch.CsvHeader;
            await batch.WriteCsvAsync(writer);
        }

        var expected = TestData.ReadCsv(path);
        var actual = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, actual.Count);
        if (expected.Count > 0)
        {
            Assert.Equal(string.Join(',', TestData.ReadHeader(path)), header);
        }

        for (var r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (var c = 0; c < expected[r].Length; c++)
            {
                Assert.True(SameCell(expected[r][c], actual[r][c]), $"row {r + 1} column {c}: source '{expected[r][c]}', export '{actual[r][c]}'");
            }
        }
    }

    [Theory]
    [InlineData(0.00001, "0.00001")]
    [InlineData(-0.0000275, "-0.0000275")]
    [InlineData(1.5e21, "1500000000000000000000")]
    [InlineData(61800.3, "61800.3")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    public void Number_IsPlainDecimal_AndRoundTrips(double value, string text)
    {
        var line = new System.Text.StringBuilder();

        Formats.CsvRowWriter.Number(line, value);

        Assert.Equal(text, line.ToString());
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(line.ToString(), CultureInfo.InvariantCulture)));
    }

    private static bool SameCell(string source, string export) =>
        source == export
        || (double.TryParse(source, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(export, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b));
}
