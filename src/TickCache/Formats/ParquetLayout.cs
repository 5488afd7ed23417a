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
    /// The cache format: delta-binary-packed int64 columns, byte-stream-split doubles, LZ4 (raw) pages at the fastest
    /// level. See benchmarks/README.md for the measured size and read time against the alternatives.
    /// </summary>
    public static ParquetLayout Default { get; } = new("lz4raw-delta-bss", CompressionMethod.Lz4Raw, CompressionLevel.Fastest, true, true);

    public static IReadOnlyList<ParquetLayout> Candidates { get; } =
    [
        new("none-plain", CompressionMethod.None, CompressionLevel.NoCompression, false, false),
        new("none-delta-bss", CompressionMethod.None, CompressionLevel.NoCompression, true, true),
        new("snappy-delta-bss", CompressionMethod.Snappy, CompressionLevel.Fastest, true, true),
        Default,
        new("zstd-fastest-delta-bss", CompressionMethod.Zstd, CompressionLevel.Fastest, true, true),
        new("zstd-fastest-plain", CompressionMethod.Zstd, CompressionLevel.Fastest, false, false),
    ];
}
