using System.IO.Compression;
using Parquet;

namespace TickCache.Formats;

/// <summary>
/// The physical layout of L2/L3 Parquet files: page codec, codec level and per-column encodings. Chosen by benchmark
/// (see benchmarks/README.md): <see cref="Default"/> is what the cache writes; the others exist for the benchmarks.
/// </summary>
internal sealed record ParquetLayout(string Name, CompressionMethod Compression, CompressionLevel Level, bool DeltaIntegers, bool ByteStreamSplitDoubles)
{
    /// <summary>
    /// The cache format: delta-binary-packed int64 columns, byte-stream-split doubles, uncompressed pages. Measured on
    /// 2 M trades (benchmarks/README.md): 56 ms per day read at 24.7 B/row, against 108 ms at 15.2 B/row with LZ4 and
    /// 172 ms at 10.1 B/row with Zstd — Parquet.Net's managed page codecs dominate the read time.
    /// </summary>
    public static ParquetLayout Default { get; } = new("none-delta-bss", CompressionMethod.None, CompressionLevel.NoCompression, true, true);

    public static IReadOnlyList<ParquetLayout> Candidates { get; } =
    [
        new("none-plain", CompressionMethod.None, CompressionLevel.NoCompression, false, false),
        Default,
        new("snappy-delta-bss", CompressionMethod.Snappy, CompressionLevel.Fastest, true, true),
        new("lz4raw-delta-bss", CompressionMethod.Lz4Raw, CompressionLevel.Fastest, true, true),
        new("zstd-fastest-delta-bss", CompressionMethod.Zstd, CompressionLevel.Fastest, true, true),
        new("zstd-fastest-plain", CompressionMethod.Zstd, CompressionLevel.Fastest, false, false),
    ];
}
