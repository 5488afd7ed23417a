using System.IO.Compression;
using Parquet;

namespace TickCache.Formats;

/// <summary>
/// The physical layout of L2/L3 Parquet files: page codec, codec level and per-column encodings. Chosen by benchmark
/// (see benchmarks/README.md): <see cref="Default"/> is what the cache writes; the others exist for the benchmarks.
/// </summary>
internal sealed record ParquetLayout(string Name, CompressionMethod Compression, CompressionLevel Level, bool DeltaIntegers, bool ByteStreamSplitDoubles, bool DecimalDoubles = false, bool Standard = false, bool RawIntegers = false)
{
    /// <summary>The format version of the files this layout writes (a chunk key's <see cref="Planning.ChunkKey.FormatVersion"/>): 3 for the standard layouts, 2 for the others (read by footer scales).</summary>
    public int FormatVersion => Standard ? 3 : 2;

    /// <summary>
    /// The v2 cache format: uncompressed pages; int64 columns and decimal-valued double columns (prices, amounts, as
    /// exact scaled int64, <see cref="DecimalColumn"/>) DELTA_BINARY_PACKED; other doubles plain (benchmarks/README.md).
    /// Parquet.Net's managed page codecs dominate read time (LZ4 2x, Zstd 3x slower per day), so size comes from the
    /// encodings instead: trades 24.7 → ~9 B/row against v1's none-delta-plain.
    /// </summary>
    public static ParquetLayout V2 { get; } = new("none-delta-decimal", CompressionMethod.None, CompressionLevel.NoCompression, true, false, true);

    /// <summary>
    /// The cache format (v3, standard Parquet: <see cref="StandardParquetWriter"/>): TIMESTAMP and other int64 columns
    /// DELTA_BINARY_PACKED in uncompressed pages (<see cref="RawIntegers"/>), DOUBLE with nulls PLAIN and the other
    /// columns in LZ4_RAW pages. Chosen by the layout benchmark (benchmarks/RESULTS.md, 2 M generated trades):
    /// uncompressed 24.7 B/row at 78 ms a day, LZ4_RAW 10.6 B/row at 112 ms, Zstd 6.7 B/row at 164 ms; only LZ4_RAW
    /// meets ≤ 12 B/row (DOUBLE pages are 8 B per value uncompressed). LZ4 saves ~0–15 % of a bit-packed delta page,
    /// and decoding it costs as much as decoding the deltas, so those pages are left uncompressed.
    /// </summary>
    public static ParquetLayout Default { get; } = new("v3-lz4raw-rawint", CompressionMethod.Lz4Raw, CompressionLevel.Fastest, true, false, Standard: true, RawIntegers: true);

    /// <summary>The v1 cache format: delta int64, plain doubles, uncompressed.</summary>
    public static ParquetLayout V1 { get; } = new("none-delta-plain", CompressionMethod.None, CompressionLevel.NoCompression, true, false);

    public static IReadOnlyList<ParquetLayout> Candidates { get; } =
    [
        new("none-plain", CompressionMethod.None, CompressionLevel.NoCompression, false, false),
        V1,
        V2,
        new("v3-none", CompressionMethod.None, CompressionLevel.NoCompression, true, false, Standard: true),
        new("v3-lz4raw", CompressionMethod.Lz4Raw, CompressionLevel.Fastest, true, false, Standard: true),
        Default,
        new("v3-zstd-fastest", CompressionMethod.Zstd, CompressionLevel.Fastest, true, false, Standard: true),
        new("lz4raw-delta-decimal", CompressionMethod.Lz4Raw, CompressionLevel.Fastest, true, false, true),
        new("zstd-fastest-delta-decimal", CompressionMethod.Zstd, CompressionLevel.Fastest, true, false, true),
        new("none-delta-bss", CompressionMethod.None, CompressionLevel.NoCompression, true, true),
        new("snappy-delta-bss", CompressionMethod.Snappy, CompressionLevel.Fastest, true, true),
        new("lz4raw-delta-bss", CompressionMethod.Lz4Raw, CompressionLevel.Fastest, true, true),
        new("zstd-fastest-delta-bss", CompressionMethod.Zstd, CompressionLevel.Fastest, true, true),
        new("zstd-fastest-plain", CompressionMethod.Zstd, CompressionLevel.Fastest, false, false),
    ];
}
