using BenchmarkDotNet.Attributes;
using TickCache.Formats;
using TickCache.Sources.Tardis;

namespace TickCache.Benchmarks;

/// <summary>gzip CSV → validated columns, 1 M GENERATED trades from memory (rows/s = 1e6 / mean).</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private byte[] _gzip = [];

    [GlobalSetup]
    public void Setup() => _gzip = GeneratedTrades.ToCsvGzip(GeneratedTrades.Create(1_000_000));

    [Benchmark]
    public async Task<int> DecodeMillionTrades()
    {
        using var body = new MemoryStream(_gzip, writable: false);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(body, TardisDatasetsSource.FileOf(GeneratedTrades.Key, "generated"), _gzip.Length, CancellationToken.None);
        var rows = columns.Count;
        columns.Release(); // as a stream does once the consumer moves on: the next decode reuses the arrays
        return rows;
    }
}
