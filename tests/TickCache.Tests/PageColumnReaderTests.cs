using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using TickCache.Formats;
using TickCache.Formats.Pages;
using TickCache.Planning;
using TickCache.Sources.Tardis;

namespace TickCache.Tests;

/// <summary>
/// Our own page decoder of v3 numeric columns against Parquet.Net, the reader of record: on every golden file, every
/// bundled real file and every synthetic type (empty cells), for each v3 layout, every column bit for bit; it must
/// actually decode the numeric columns of the layouts it claims (not silently decline them all); damaged pages are
/// declined or caught by the content hash, never wrong values.
/// </summary>
public sealed class PageColumnReaderTests
{
    private static readonly string[] V3Layouts = ["v3-none", "v3-lz4raw", "v3-lz4raw-rawint", "v3-zstd-fastest"];
    private static readonly string[] DecodedLayouts = ["v3-none", "v3-lz4raw", "v3-lz4raw-rawint"];
    private static readonly string[] TradeColumns = ["timestamp", "local_timestamp", "price", "amount", "id", "side"];

    public static TheoryData<string, string> RealFilesAndLayouts()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in TestData.AllFiles())
        {
            foreach (var layout in V3Layouts)
            {
                data.Add(Path.GetRelativePath(TestData.Root, file), layout);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealFilesAndLayouts))]
    public async Task EveryBundledRealFile_EveryV3Layout_SameColumnsAsParquetNet(string relative, string layoutName)
    {
        var path = Path.Combine(TestData.Root, relative);
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        await using var csv = File.OpenRead(path);
        await AssertSameAsParquetNetAsync(exchange, dataType, symbol, day, csv, layoutName);
    }

    [Theory]
    [MemberData(nameof(SyntheticTypesTests.Files), MemberType = typeof(SyntheticTypesTests))]
    public async Task SyntheticTypesWithEmptyCells_SameColumnsAsParquetNet(string exchange, string dataType, string csv)
    {
        var symbol = dataType == "options_chain" ? "OPTIONS" : csv.Split('\n')[1].Split(',')[1];
        foreach (var layout in V3Layouts)
        {
            using var gzip = new MemoryStream();
            await using (var writer = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
            {
                await writer.WriteAsync(Encoding.UTF8.GetBytes(csv));
            }

            gzip.Position = 0;
            await AssertSameAsParquetNetAsync(exchange, dataType, symbol, new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc), gzip, layout);
        }
    }

    [Theory]
    [InlineData("trades")]
    [InlineData("quotes")]
    public async Task CommittedV3GoldenFile_SameColumnsAsParquetNet(string dataType)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "golden", $"v3-{dataType}-binance-futures-ETHUSDT-2024-08-09.parquet"));
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", dataType, "ETHUSDT", new DateTime(2024, 8, 9, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1));
        await AssertBothReadersAgreeAsync(bytes, key, expectOwnDecode: true);
    }

    [Fact]
    public async Task DamagedPages_AreDeclinedOrRejected_NeverReadAsOtherValues()
    {
        var path = TestData.AllFiles().First(f => TestData.Describe(f).DataType == "trades");
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        var key = new ChunkKey(TickSources.TardisDatasets, exchange, dataType, symbol, day, TimeSpan.FromDays(1));
        await using var csv = File.OpenRead(path);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(csv, TardisDatasetsSource.FileOf(key, path), 0, CancellationToken.None);
        var expected = columns.ComputeContentHash();
        foreach (var layout in DecodedLayouts)
        {
            var good = await EncodeAsync(key, columns, layout);
            var layoutOf = PageLayout.TryRead(good)!;
            var random = new Random(20261202);
            for (var trial = 0; trial < 200; trial++)
            {
                var bad = (byte[])good.Clone();
                var chunk = layoutOf.Chunk(TradeColumns[trial % TradeColumns.Length])!;
                for (var flips = 0; flips < 1 + (trial % 4); flips++)
                {
                    bad[chunk.Start + random.NextInt64(chunk.Length)] ^= (byte)(1 << random.Next(8));
                }

                var (read, problem) = await ParquetChunkCodec.ReadAsync(bad, key, CancellationToken.None);
                Assert.True(read is null ? problem is not null : read.ComputeContentHash() == expected, $"{layout}, trial {trial}: a damaged file read as other values");
            }
        }
    }

    [Fact]
    public void DeltaDecoder_OnRandomBytes_OnlyEverThrowsInvalidData()
    {
        var random = new Random(7);
        var output = new long[300];
        for (var trial = 0; trial < 5000; trial++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (trial % 3 == 0 && bytes.Length > 4)
            {
                bytes[0] = 0x80; // a plausible header: block 128, 4 miniblocks, then random counts and values
                bytes[1] = 0x01;
                bytes[2] = 0x04;
            }

            try
            {
                DeltaBinaryPacked.Decode(bytes, output.AsSpan(0, random.Next(0, 300)));
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    private static async Task AssertSameAsParquetNetAsync(string exchange, string dataType, string symbol, DateTime day, Stream csvGz, string layoutName)
    {
        var key = new ChunkKey(TickSources.TardisDatasets, exchange, dataType, symbol, day, TimeSpan.FromDays(1));
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(csvGz, TardisDatasetsSource.FileOf(key, symbol), 0, CancellationToken.None);
        var bytes = await EncodeAsync(key, columns, layoutName);
        await AssertBothReadersAgreeAsync(bytes, key, expectOwnDecode: layoutName != "v3-zstd-fastest");
    }

    private static async Task<byte[]> EncodeAsync(ChunkKey key, ChunkColumns columns, string layoutName)
    {
        using var buffer = new MemoryStream();
        await ParquetChunkCodec.WriteAsync(buffer, key, columns, ParquetLayout.Candidates.Single(l => l.Name == layoutName), CancellationToken.None);
        return buffer.ToArray();
    }

    private static async Task AssertBothReadersAgreeAsync(byte[] bytes, ChunkKey key, bool expectOwnDecode)
    {
        var (ours, problem) = await ParquetChunkCodec.ReadAsync(bytes, key, CancellationToken.None, ownPages: true);
        var (theirs, theirProblem) = await ParquetChunkCodec.ReadAsync(bytes, key, CancellationToken.None, ownPages: false);
        Assert.Null(problem);
        Assert.Null(theirProblem);
        var n = theirs!.Count;
        Assert.Equal(n, ours!.Count);
        for (var c = 0; c < theirs.Int64.Length; c++)
        {
            Assert.Equal(theirs.Int64[c].AsSpan(0, n).ToArray(), ours.Int64[c].AsSpan(0, n).ToArray());
        }

        for (var c = 0; c < theirs.Doubles.Length; c++)
        {
            Assert.Equal(MemoryMarshal.AsBytes(theirs.Doubles[c].AsSpan(0, n)).ToArray(), MemoryMarshal.AsBytes(ours.Doubles[c].AsSpan(0, n)).ToArray());
        }

        for (var c = 0; c < theirs.Bytes.Length; c++)
        {
            Assert.Equal(theirs.Bytes[c].AsSpan(0, n).ToArray(), ours.Bytes[c].AsSpan(0, n).ToArray());
        }

        Assert.Equal(theirs.NumericIds?.AsSpan(0, n).ToArray(), ours.NumericIds?.AsSpan(0, n).ToArray());
        Assert.Equal(theirs.ComputeContentHash(), ours.ComputeContentHash());

        // The read above falls back to Parquet.Net when the hash disagrees, so our reader is checked on its own too:
        // every int64, double and enum column of the layouts it covers goes through it, bit for bit.
        var reader = new PageColumnReader(bytes, PageLayout.TryRead(bytes)!);
        var target = new ColumnTarget(theirs.Schema);
        foreach (var spec in theirs.Schema.Columns.Where(s => s.Kind is ColumnKind.Int64 or ColumnKind.Double or ColumnKind.Enum))
        {
            Assert.Equal(expectOwnDecode, reader.TryRead(ParquetChunkCodec.ParquetName(spec.Name), spec, n, target));
            if (!expectOwnDecode)
            {
                continue;
            }

            var (mine, reference) = spec.Kind switch
            {
                ColumnKind.Int64 => (MemoryMarshal.AsBytes(target.Int64[spec.Slot].AsSpan(0, n)).ToArray(), MemoryMarshal.AsBytes(theirs.Int64[spec.Slot].AsSpan(0, n)).ToArray()),
                ColumnKind.Double => (MemoryMarshal.AsBytes(target.Doubles[spec.Slot].AsSpan(0, n)).ToArray(), MemoryMarshal.AsBytes(theirs.Doubles[spec.Slot].AsSpan(0, n)).ToArray()),
                _ => (target.Bytes[spec.Slot].AsSpan(0, n).ToArray(), theirs.Bytes[spec.Slot].AsSpan(0, n).ToArray()),
            };
            Assert.True(reference.AsSpan().SequenceEqual(mine), $"column {spec.Name} differs from Parquet.Net's");
        }

        if (expectOwnDecode && theirs.NumericIds is not null)
        {
            var id = theirs.Schema.Columns.Single(s => s.Kind == ColumnKind.Id);
            Assert.True(reader.TryRead(StandardParquetWriter.IdName, id, n, target));
            Assert.Equal(theirs.NumericIds.AsSpan(0, n).ToArray(), target.NumericIds!.AsSpan(0, n).ToArray());
        }

        target.Rental.Release();
        ours.Release();
        theirs.Release();
    }
}
