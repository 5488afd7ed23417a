using TickCache.Formats;
using TickCache.Formats.Pages;
using TickCache.Planning;
using TickCache.Sources.Tardis;

namespace TickCache.Tests;

public sealed class ParquetCodecTests
{
    public static TheoryData<string> Files() => new(TestData.AllFiles().Select(f => Path.GetRelativePath(TestData.Root, f)));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task WriteThenRead_EveryBundledFile_SameColumnsAndHash(string relative)
    {
        var path = Path.Combine(TestData.Root, relative);
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        var key = new ChunkKey(TickSources.TardisDatasets, exchange, dataType, symbol, day, TimeSpan.FromDays(1));
        await using var file = File.OpenRead(path);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(file, TardisDatasetsSource.FileOf(key, path), 0, CancellationToken.None);
        foreach (var layout in ParquetLayout.Candidates)
        {
            using var buffer = new MemoryStream();
            var versioned = key.WithFormatVersion(layout.FormatVersion);
            await ParquetChunkCodec.WriteAsync(buffer, versioned, columns, layout, CancellationToken.None);
            var (read, problem) = await ParquetChunkCodec.ReadAsync(buffer.ToArray(), versioned, CancellationToken.None);
            Assert.True(problem is null, $"{layout.Name}: {problem}");
            Assert.Equal(columns.Count, read!.Count);
            Assert.Equal(columns.ComputeContentHash(), read.ComputeContentHash());
        }
    }

    [Fact]
    public async Task DefaultLayout_IntegerDeltaPagesUncompressed_DoublesLz4Raw()
    {
        var (_, _, file) = await WriteDefaultAsync(TestData.AllFiles().First(f => TestData.Describe(f).DataType == "trades"));

        var layout = PageLayout.TryRead(file)!;
        const int uncompressed = 0, lz4Raw = 7;
        Assert.Equal(uncompressed, layout.Chunk("timestamp")!.Codec);
        Assert.Equal(uncompressed, layout.Chunk("local_timestamp")!.Codec);
        Assert.Equal(lz4Raw, layout.Chunk("price")!.Codec);
        Assert.Equal(lz4Raw, layout.Chunk("amount")!.Codec);
        Assert.Equal(uncompressed, layout.Chunk("side")!.Codec); // INT32 codes, DELTA_BINARY_PACKED
    }

    [Fact]
    public async Task DefaultLayout_DoubleColumnsRequiredExactlyWhenNoCellIsMissing()
    {
        var (dense, sparse) = (0, 0);
        foreach (var path in TestData.AllFiles())
        {
            var (_, columns, file) = await WriteDefaultAsync(path);

            var layout = PageLayout.TryRead(file)!;
            foreach (var spec in columns.Schema.Columns.Where(c => c.Kind == ColumnKind.Double))
            {
                var missing = columns.Doubles[spec.Slot].AsSpan(0, columns.Count).ToArray().Any(double.IsNaN);
                Assert.Equal(missing, layout.Chunk(ParquetChunkCodec.ParquetName(spec.Name))!.Optional);
                (dense, sparse) = missing ? (dense, sparse + 1) : (dense + 1, sparse);
            }
        }

        Assert.True(dense > 0 && sparse > 0, $"the real files hold {dense} dense and {sparse} sparse double columns: both kinds must be covered");
    }

    /// <summary>A bundled real CSV file's chunk key (current format), its columns, and its L2 file in the default layout.</summary>
    internal static async Task<(ChunkKey Key, ChunkColumns Columns, byte[] File)> WriteDefaultAsync(string path)
    {
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        var key = new ChunkKey(TickSources.TardisDatasets, exchange, dataType, symbol, day, TimeSpan.FromDays(1)).WithFormatVersion(ParquetLayout.Default.FormatVersion);
        await using var csv = File.OpenRead(path);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(csv, TardisDatasetsSource.FileOf(key, path), 0, CancellationToken.None);
        using var buffer = new MemoryStream();
        await ParquetChunkCodec.WriteAsync(buffer, key, columns, ParquetLayout.Default, CancellationToken.None);
        return (key, columns, buffer.ToArray());
    }
}
