using BenchmarkDotNet.Attributes;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Benchmarks;

/// <summary>
/// The memory floor of a warm read, side by side with it in one run: <see cref="WriteDecodedDay"/> writes the decoded
/// bytes of one day (2 M GENERATED trades: the same column arrays an L2 read produces) into buffers allocated once and
/// reused, the physical limit of producing those columns; <see cref="ReadDay"/> is the L2 read of that day in the cache
/// format. The ratio ReadDay / WriteDecodedDay is the "warm read vs the memory floor" of the goals.
/// </summary>
[MemoryDiagnoser]
public class MemoryFloorBenchmarks
{
    private ChunkColumns _source = null!;
    private byte[] _file = null!;
    private ChunkKey _key = null!;
    private long[][] _int64 = null!;
    private double[][] _doubles = null!;
    private byte[][] _bytes = null!;
    private long[] _ids = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _source = GeneratedTrades.Create(2_000_000);
        _key = GeneratedTrades.Key.WithFormatVersion(ParquetLayout.Default.FormatVersion);
        using var file = new MemoryStream();
        await ParquetChunkCodec.WriteAsync(file, _key, _source, ParquetLayout.Default, CancellationToken.None);
        _file = file.ToArray();
        _int64 = [.. _source.Int64.Select(a => new long[a.Length])];
        _doubles = [.. _source.Doubles.Select(a => new double[a.Length])];
        _bytes = [.. _source.Bytes.Select(a => new byte[a.Length])];
        _ids = new long[_source.NumericIds?.Length ?? 0];
        Console.WriteLine($"// {_source.Count} rows, {_source.SizeInBytes / (double)_source.Count:0.0} decoded B/row");
    }

    [Benchmark(Baseline = true)]
    public long WriteDecodedDay()
    {
        long sum = 0;
        for (var c = 0; c < _int64.Length; c++)
        {
            _source.Int64[c].AsSpan(0, _source.Count).CopyTo(_int64[c]);
            sum += _int64[c][^1];
        }

        for (var c = 0; c < _doubles.Length; c++)
        {
            _source.Doubles[c].AsSpan(0, _source.Count).CopyTo(_doubles[c]);
            sum += (long)_doubles[c][^1];
        }

        for (var c = 0; c < _bytes.Length; c++)
        {
            _source.Bytes[c].AsSpan(0, _source.Count).CopyTo(_bytes[c]);
            sum += _bytes[c][^1];
        }

        if (_source.NumericIds is { } ids)
        {
            ids.AsSpan(0, _source.Count).CopyTo(_ids);
            sum += _ids[^1];
        }

        return sum;
    }

    [Benchmark]
    public async Task<int> ReadDay()
    {
        var (columns, problem) = await ParquetChunkCodec.ReadAsync(_file, _key, CancellationToken.None);
        var rows = columns?.Count ?? throw new InvalidOperationException(problem);
        columns.Release(); // as a stream does once the consumer moves on: the next read reuses the arrays
        return rows;
    }
}
