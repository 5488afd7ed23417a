using BenchmarkDotNet.Attributes;
using TickCache.Planning;

namespace TickCache.Benchmarks;

/// <summary>Planner (query → UTC-day chunk keys, each hashed with xxHash64) and key hashing alone.</summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private static readonly DateTime From = new(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TickQuery _month = new("binance-futures", "trades", "BTCUSDT", From, From.AddDays(30));
    private readonly TickQuery _threeSymbolsYear = new("binance-futures", "trades", ["BTCUSDT", "ETHUSDT", "SOLUSDT"], From, From.AddDays(365));

    /// <summary>30 chunks: what a one-month backtest plans.</summary>
    [Benchmark]
    public int PlanMonth() => DayGrid.Plan(TickSources.TardisDatasets, _month.Exchange, _month.DataType, _month.Symbols, _month.FromUtc, _month.ToUtc).Count;

    /// <summary>365 chunks (a multi-symbol query is one grouped chunk per day).</summary>
    [Benchmark]
    public int PlanYearThreeSymbols() => DayGrid.Plan(TickSources.TardisDatasets, _threeSymbolsYear.Exchange, _threeSymbolsYear.DataType, _threeSymbolsYear.Symbols, _threeSymbolsYear.FromUtc, _threeSymbolsYear.ToUtc).Count;

    /// <summary>One chunk key: identity material + xxHash64 + hex path.</summary>
    [Benchmark]
    public ulong KeyHash() => new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", From, TimeSpan.FromDays(1)).Hash;
}
