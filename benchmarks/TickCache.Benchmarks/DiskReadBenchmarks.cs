using BenchmarkDotNet.Attributes;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Benchmarks;

/// <summary>L2 read of one day (2 M GENERATED trades, all columns, verified): file bytes from the page cache → columns, per layout.</summary>
[MemoryDiagnoser]
public class DiskReadBenchmarks
{
    private readonly Dictionary<string, string> _files = [];
    private readonly Dictionary<string, ChunkKey> _keys = [];

    public static IEnumerable<string> Layouts => ParquetLayout.Candidates.Select(l => l.Name);

    [ParamsSource(nameof(Layouts))]
    public string Layout { get; set; } = ParquetLayout.Default.Name;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var columns = GeneratedTrades.Create(2_000_000);
        var layout = ParquetLayout.Candidates.Single(l => l.Name == Layout);
        var path = Path.Combine(Path.GetTempPath(), $"tickcache-bench-{layout.Name}.parquet");
        await using (var file = File.Create(path))
        {
            await ParquetChunkCodec.WriteAsync(file, GeneratedTrades.Key.WithFormatVersion(layout.FormatVersion), columns, layout, CancellationToken.None);
        }

        _files[Layout] = path;
        _keys[Layout] = GeneratedTrades.Key.WithFormatVersion(layout.FormatVersion);
        Console.WriteLine($"// layout {layout.Name}: {new FileInfo(path).Length / 2_000_000.0:0.00} B/row on disk (2 M generated trades)");
    }

    [Benchmark]
    public async Task<int> ReadDay()
    {
        var bytes = await File.ReadAllBytesAsync(_files[Layout]);
        var (columns, problem) = await ParquetChunkCodec.ReadAsync(bytes, _keys[Layout], CancellationToken.None);
        var rows = columns?.Count ?? throw new InvalidOperationException(problem);
        columns.Release(); // as a stream does once the consumer moves on: the next read reuses the arrays
        return rows;
    }
}
