using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Parquet;
using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>The whole-file seal of v3 files: written by the writer, verified by the reader, broken by any changed byte.</summary>
public sealed class FileSealTests
{
    [Fact]
    public async Task WrittenFile_VerifiesAndReads_ChangedByteAnywhereBreaksIt()
    {
        var (key, columns, file) = await ParquetCodecTests.WriteDefaultAsync(TradesPath());
        var seal = await SealOfAsync(file);
        Assert.True(FileSeal.Verify(file, seal));
        var (read, problem) = await ParquetChunkCodec.ReadAsync(file, key, CancellationToken.None);
        Assert.Null(problem);
        Assert.Equal(columns.ComputeContentHash(), read!.ComputeContentHash());

        var digits = DigitsAt(file, seal);
        var footerStart = file.Length - 8 - BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        var random = new Random(20261203);
        var positions = Enumerable.Range(footerStart, file.Length - footerStart).Concat(Enumerable.Range(0, 400).Select(_ => random.Next(footerStart)));
        var checkedPositions = 0;
        foreach (var position in positions.Where(p => p < digits || p >= digits + 16))
        {
            var bad = (byte[])file.Clone();
            bad[position] ^= (byte)(1 << random.Next(8));
            Assert.False(FileSeal.Verify(bad, seal), $"a flip at byte {position} of {file.Length} kept the seal");
            checkedPositions++;
        }

        Assert.True(checkedPositions > 400, $"only {checkedPositions} positions were checked");
    }

    [Fact]
    public async Task ChangedSealDigit_IsRejectedByTheReader()
    {
        var (key, _, file) = await ParquetCodecTests.WriteDefaultAsync(TradesPath());
        var digits = DigitsAt(file, await SealOfAsync(file));
        file[digits + 3] = file[digits + 3] == (byte)'0' ? (byte)'1' : (byte)'0';

        var (read, problem) = await ParquetChunkCodec.ReadAsync(file, key, CancellationToken.None);

        Assert.Null(read);
        Assert.Contains("seal", problem, StringComparison.Ordinal);
    }

    private static string TradesPath() => TestData.AllFiles().First(f => TestData.Describe(f).DataType == "trades");

    private static async Task<ulong> SealOfAsync(byte[] file)
    {
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return ulong.Parse(reader.CustomMetadata[FileSeal.Key], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static int DigitsAt(byte[] file, ulong seal)
    {
        var digits = Encoding.ASCII.GetBytes(seal.ToString("x16", CultureInfo.InvariantCulture));
        var at = file.AsSpan().LastIndexOf(digits);
        Assert.True(at > 0, "the seal's digits are not in the file");
        return at;
    }
}
