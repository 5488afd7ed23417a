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
    /// The cache format: delta-binary-packed int64 columns, plain doubles, uncompressed pages (benchmarks/README.md).
    /// Parquet.Net's managed page codecs dominate read time (LZ4 2x, Zstd 3x slower per day), and without a codec
    /// byte-stream-split cannot shrink doubles but slows their decode (quotes 70 → 43 ms per 1 M rows with plain).
    /// </summary>
    public static ParquetLayout Default { get; } = new("none-delta-plain", CompressionMethod.None, CompressionLevel.NoCompression, true, false);

    public static IReadOnlyList<ParquetLayout> Candidates { get; } =
    [
        new("none-plain", CompressionMethod.None, CompressionLevel.NoCompression, false, false),
        Default,
        new("none-delta-bss", CompressionMethod.None, CompressionLevel.NoCompression, true, true),
        new("snappy-delta-bss", CompressionMethod.Snappy, CompressionLevel.Fastest, true, true),
        new("lz4raw-delta-bss", CompressionMethod.Lz4Raw, CompressionLevel.Fastest, true, true),
        new("zstd-fastest-delta-bss", CompressionMethod.Zstd, CompressionLevel.Fastest, true, true),
        new("zstd-fastest-plain", CompressionMethod.Zstd, CompressionLevel.Fastest, false, false),
    ];
}
