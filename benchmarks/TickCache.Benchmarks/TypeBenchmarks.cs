using BenchmarkDotNet.Attributes;
using TickCache.Formats;
using TickCache.Sources.Tardis;
using TickCache.Planning;

namespace TickCache.Benchmarks;

/// <summary>
/// Per data type on GENERATED rows (1 M; 200 k for book_snapshot_25): gzip CSV → validated columns (rows/s = rows /
/// mean), the whole cold path gzip CSV → columns → L2 Parquet bytes, and the L2 read of the same chunk from an
/// in-memory Parquet file (cost per decoded byte = mean / decoded size).
/// </summary>
[MemoryDiagnoser]
public class TypeBenchmarks
{
    private ChunkKey _key = null!;
    private byte[] _csv = [];
    private byte[] _parquet = [];

    [Params("trades", "quotes", "liquidations", "incremental_book_L2", "book_snapshot_25", "derivative_ticker")]
    public string DataType { get; set; } = "trades";

    [Params("v3-lz4raw")] // ParquetLayout.Default
    public string Layout { get; set; } = ParquetLayout.Default.Name;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var rows = DataType == "book_snapshot_25" ? 200_000 : 1_000_000;
        (_key, _csv, _) = GeneratedChunks.Create(DataType, rows);
        _key = _key.WithFormatVersion(ParquetLayout.Candidates.Single(l => l.Name == Layout).FormatVersion);
        using var body = new MemoryStream(_csv);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(body, TardisDatasetsSource.FileOf(_key, "generated"), _csv.Length, CancellationToken.None);
        using var file = new MemoryStream();
        await ParquetChunkCodec.WriteAsync(file, _key, columns, ParquetLayout.Candidates.Single(l => l.Name == Layout), CancellationToken.None);
        _parquet = file.ToArray();
        Console.WriteLine($"// {DataType}: {rows} GENERATED rows, decoded {columns.SizeInBytes / (double)rows:0.0} B/row, csv.gz {_csv.Length / (double)rows:0.0} B/row, parquet {_parquet.Length / (double)rows:0.0} B/row");
    }

    [Benchmark]
    public async Task<int> Decode()
    {
        using var body = new MemoryStream(_csv, writable: false);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(body, TardisDatasetsSource.FileOf(_key, "generated"), _csv.Length, CancellationToken.None);
        var rows = columns.Count;
        columns.Release(); // as a stream does: the next decode reuses the arrays
        return rows;
    }

    /// <summary>The cold path as the cache runs it: decode, then encode the L2 file (into memory, no disk I/O).</summary>
    [Benchmark]
    public async Task<long> DecodeAndWriteL2()
    {
        using var body = new MemoryStream(_csv, writable: false);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(body, TardisDatasetsSource.FileOf(_key, "generated"), _csv.Length, CancellationToken.None);
        using var file = new MemoryStream(_parquet.Length + (1 << 20));
        await ParquetChunkCodec.WriteAsync(file, _key, columns, ParquetLayout.Candidates.Single(l => l.Name == Layout), CancellationToken.None);
        columns.Release();
        return file.Length;
    }

    /// <summary>The floor of <see cref="Decode"/>: gunzip and CRC32 of the same body, no parsing.</summary>
    [Benchmark]
    public async Task<long> GunzipOnly()
    {
        using var body = new MemoryStream(_csv, writable: false);
        await using var gzip = new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress);
        var crc = new System.IO.Hashing.Crc32();
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = await gzip.ReadAsync(buffer)) > 0)
        {
            crc.Append(buffer.AsSpan(0, read));
            total += read;
        }

        return total;
    }

    [Benchmark]
    public async Task<int> ReadL2()
    {
        var (columns, problem) = await ParquetChunkCodec.ReadAsync(_parquet, _key, CancellationToken.None);
        var rows = columns?.Count ?? throw new InvalidOperationException(problem);
        columns.Release();
        return rows;
    }
}
