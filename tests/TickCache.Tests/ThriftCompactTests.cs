using System.Buffers;
using System.Buffers.Binary;
using TickCache.Formats;
using TickCache.Formats.Thrift;
using TickCache.Planning;
using TickCache.Sources.Tardis;

namespace TickCache.Tests;

/// <summary>
/// The footer codec: Parquet.Net's own footers (every data type's v3 file) read and written back byte for byte
/// identical; the timestamp annotation changes only the schema; malformed input is an InvalidDataException, never a
/// hang, a huge allocation or another exception.
/// </summary>
public sealed class ThriftCompactTests
{
    public static TheoryData<string> Files() => new(TestData.AllFiles().Select(f => Path.GetRelativePath(TestData.Root, f)));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ParquetNetFooter_ReadThenWritten_IsByteIdentical(string relative)
    {
        // v2 files are Parquet.Net's footers untouched; v3 ones have been through this codec once.
        foreach (var layout in new[] { ParquetLayout.V2, ParquetLayout.Default })
        {
            var tail = await FooterTailAsync(relative, layout);
            var footer = tail.AsSpan(0, tail.Length - 8);

            var output = new ArrayBufferWriter<byte>();
            ThriftCompact.WriteStruct(ThriftCompact.ReadStruct(footer), output);

            Assert.Equal(footer.ToArray(), output.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public async Task Annotation_OfParquetNetsFooter_ChangesOnlyTheTimestampColumns()
    {
        var relative = Path.GetRelativePath(TestData.Root, TestData.AllFiles().First(f => TestData.Describe(f).DataType == "trades"));
        var tail = await FooterTailAsync(relative, ParquetLayout.V2);

        var annotated = ParquetFooter.Annotate(tail, new HashSet<string>(["timestamp", "local_timestamp"], StringComparer.Ordinal));

        var before = ThriftCompact.ReadStruct(tail.AsSpan(0, tail.Length - 8)).Field(2)!.Items!;
        var after = ThriftCompact.ReadStruct(annotated.AsSpan(0, annotated.Length - 8)).Field(2)!.Items!;
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            var name = System.Text.Encoding.UTF8.GetString(after[i].Field(4)?.Bytes ?? []);
            var timestamp = name is "timestamp" or "local_timestamp";
            Assert.Equal(timestamp ? 10 : before[i].Field(6)?.Integer, after[i].Field(6)?.Integer);
            Assert.Equal(timestamp, after[i].Field(10)?.Field(8) is not null);
            Assert.Equal(before[i].Field(1)?.Integer, after[i].Field(1)?.Integer); // the physical type is untouched
        }
    }

    [Fact]
    public async Task Annotation_NamesAColumnTheFileLacks_IsRefused()
    {
        var tail = await FooterTailAsync(Path.GetRelativePath(TestData.Root, TestData.AllFiles().First()), ParquetLayout.Default);

        var error = Assert.Throws<InvalidDataException>(() => ParquetFooter.Annotate(tail, new HashSet<string>(["no_such_column"], StringComparer.Ordinal)));

        Assert.Contains("not in the file's schema", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x15 })] // field 1 (i32) without its value
    [InlineData(new byte[] { 0x19, 0xF5, 0xFF, 0xFF, 0xFF, 0x7F })] // a list claiming 2^31 items
    [InlineData(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00 })] // a binary claiming 4 GiB
    [InlineData(new byte[] { 0x1E, 0x00 })] // unknown type 14
    [InlineData(new byte[] { 0x16, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 })] // an 11-byte varint
    [InlineData(new byte[] { 0x00, 0x00 })] // bytes after the struct
    public void MalformedMessage_IsInvalidData(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => ThriftCompact.ReadStruct(bytes));

    [Fact]
    public void DeepNesting_IsInvalidData_NotAStackOverflow()
    {
        var bytes = Enumerable.Repeat((byte)0x1C, 100_000).ToArray(); // struct in struct in struct …

        Assert.Throws<InvalidDataException>(() => ThriftCompact.ReadStruct(bytes));
    }

    [Fact]
    public void NotAFooter_IsInvalidData()
    {
        var bytes = new byte[64];
        "PAR1"u8.CopyTo(bytes.AsSpan(60));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(56), 999);

        Assert.Throws<InvalidDataException>(() => ParquetFooter.Annotate(bytes, new HashSet<string>(StringComparer.Ordinal)));
    }

    /// <summary>The footer, its length and the magic of the bundled file's v3 L2 file.</summary>
    private static async Task<byte[]> FooterTailAsync(string relative, ParquetLayout layout)
    {
        var path = Path.Combine(TestData.Root, relative);
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        var key = new ChunkKey(TickSources.TardisDatasets, exchange, dataType, symbol, day, TimeSpan.FromDays(1), layout.FormatVersion);
        await using var file = File.OpenRead(path);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(file, TardisDatasetsSource.FileOf(key, path), 0, CancellationToken.None);
        using var parquet = new MemoryStream();
        await ParquetChunkCodec.WriteAsync(parquet, key, columns, layout, CancellationToken.None);
        var bytes = parquet.ToArray();
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        return bytes[^(length + 8)..];
    }
}
