using CsCheck;
using Parquet;
using Parquet.Schema;
using TickCache.Formats.Pages;
using TickCache.Formats.Thrift;

namespace TickCache.Tests;

/// <summary>
/// Our DELTA_BINARY_PACKED decoder against pages Parquet.Net encodes: int64 runs whose deltas span every bit width
/// 0–64 (so every unpack path: width 0, the unrolled groups of 8, the generic tail and the widths past 56), lengths
/// that end mid-group, mid-miniblock and mid-block, and wrapping arithmetic at the int64 extremes.
/// </summary>
public sealed class DeltaBinaryPackedTests
{
    [Fact]
    public async Task Decode_DeltasOfEveryWidth_SameValuesParquetNetEncoded()
    {
        var widths = new HashSet<int>();
        await Values().SampleAsync(
            async values =>
            {
                var decoded = DecodePages(await EncodeAsync(values), values.Length);
                Assert.Equal(values, decoded);
                lock (widths) // CsCheck samples on several threads
                {
                    foreach (var delta in values.Zip(values.Skip(1), (a, b) => unchecked((ulong)(b - a))))
                    {
                        widths.Add(64 - (int)ulong.LeadingZeroCount(delta));
                    }
                }
            },
            iter: 300);

        Assert.True(widths.Count >= 60, $"only {widths.Count} delta widths were generated");
    }

    [Fact]
    public async Task DecodeBytes_Int32CodesParquetNetEncoded_SameCodes_AndACodeOverAByteIsRejected()
    {
        await Gen.Byte.Array[1, 5000].SampleAsync(
            async codes =>
            {
                var page = await EncodeInt32PageAsync(codes.Select(c => (int)c).ToArray());
                var decoded = new byte[codes.Length];
                DeltaBinaryPacked.Decode(page, decoded);
                Assert.Equal(codes, decoded);
            },
            iter: 100);

        var wide = await EncodeInt32PageAsync([1, 0, 256, 2]);
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.Decode(wide, new byte[4]));
    }

    /// <summary>The only data page's body of an INT32 DELTA_BINARY_PACKED column Parquet.Net writes (one page).</summary>
    private static async Task<byte[]> EncodeInt32PageAsync(int[] values)
    {
        var file = await WriteDeltaColumnAsync(values);
        var chunk = PageLayout.TryRead(file)!.Chunk("v")!;
        var bytes = file.AsSpan((int)chunk.Start, (int)chunk.Length);
        var header = ThriftCompact.ReadStructPrefix(bytes, out var headerLength);
        Assert.Equal(5, header.Field(5)!.Field(2)!.Integer); // DELTA_BINARY_PACKED
        Assert.Equal(values.Length, header.Field(5)!.Field(1)!.Integer); // one page holds them all
        return bytes.Slice(headerLength, (int)header.Field(3)!.Integer).ToArray();
    }

    /// <summary>Runs of deltas, each run of one width, with a random start; 1 to ~3,000 values.</summary>
    private static Gen<long[]> Values()
    {
        var run = Gen.Select(Gen.Int[0, 64], Gen.Int[1, 300], Gen.ULong, (width, length, seed) => (width, length, seed));
        return Gen.Select(Gen.Long, run.Array[1, 10]).Select(c =>
        {
            var values = new List<long>();
            var value = c.Item1;
            foreach (var (width, length, seed) in c.Item2)
            {
                var random = new Random((int)seed);
                var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
                for (var i = 0; i < length; i++)
                {
                    values.Add(value);
                    value = unchecked(value + (long)((((ulong)random.NextInt64() << 1) ^ (ulong)random.Next(2)) & mask));
                }
            }

            return values.ToArray();
        });
    }

    private static Task<byte[]> EncodeAsync(long[] values) => WriteDeltaColumnAsync(values);

    /// <summary>A Parquet file of one uncompressed DELTA_BINARY_PACKED column <c>v</c> of <paramref name="values"/>, written by Parquet.Net.</summary>
    private static async Task<byte[]> WriteDeltaColumnAsync<T>(T[] values)
        where T : struct
    {
        var field = new DataField<T>("v");
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.None };
        options.ColumnEncodingHints["v"] = EncodingHint.DeltaBinaryPacked;
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), buffer, options))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(field, new ReadOnlyMemory<T>(values));
        }

        return buffer.ToArray();
    }

    /// <summary>Every data page of the file's only column decoded by <see cref="DeltaBinaryPacked.Decode"/>, in order.</summary>
    private static long[] DecodePages(byte[] file, int rows)
    {
        var chunk = PageLayout.TryRead(file)!.Chunk("v")!;
        var bytes = file.AsSpan((int)chunk.Start, (int)chunk.Length);
        var output = new long[rows];
        var (position, done) = (0, 0);
        while (position < bytes.Length)
        {
            var header = ThriftCompact.ReadStructPrefix(bytes[position..], out var headerLength);
            position += headerLength;
            var size = (int)header.Field(3)!.Integer;
            var count = (int)header.Field(5)!.Field(1)!.Integer;
            Assert.Equal(5, header.Field(5)!.Field(2)!.Integer); // DELTA_BINARY_PACKED
            DeltaBinaryPacked.Decode(bytes.Slice(position, size), output.AsSpan(done, count));
            position += size;
            done += count;
        }

        Assert.Equal(rows, done);
        return output;
    }
}
