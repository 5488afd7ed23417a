using BenchmarkDotNet.Attributes;
using TickCache.Formats;
using TickCache.Pipeline;
using TickCache.Planning;
using TickCache.Tiers;

namespace TickCache.Benchmarks;

/// <summary>L1 hit: key lookup in the memory tier plus the zero-copy batch handed to the caller (2 M GENERATED trades cached).</summary>
[MemoryDiagnoser]
public class MemoryHitBenchmarks
{
    private readonly MemoryTier _memory = new(1L << 30);
    private readonly TickQuery _query = new("binance-futures", "trades", "BTCUSDT", GeneratedTrades.Key.StartUtc, GeneratedTrades.Key.EndUtc);
    private ChunkKey _lookupKey = GeneratedTrades.Key;

    [GlobalSetup]
    public void Setup()
    {
        _memory.Set(GeneratedTrades.Key, GeneratedTrades.Create(2_000_000));
        _lookupKey = new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", GeneratedTrades.Key.StartUtc, TimeSpan.FromDays(1));
    }

    [GlobalCleanup]
    public void Cleanup() => _memory.Dispose();

    [Benchmark(Baseline = true)]
    public bool Lookup() => _memory.TryGet(_lookupKey) is not null;

    [Benchmark]
    public TickBatch LookupAndBatch() => ChunkTrimmer.Trim(_query.FromMicros, _query.ToMicros, 1, _lookupKey, _memory.TryGet(_lookupKey)!);
}
