using TickCache.Planning;

namespace TickCache.Tests;

public sealed class ChunkKeyTests
{
    private static readonly DateTime Day = new(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Hash_BinanceFuturesTradesDay_MatchesGoldenValue()
    {
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1));

        Assert.Equal("tardis-datasets\nbinance-futures\ntrades\nBTCUSDT\n1723075200000000\n86400000000\n3", key.Material);
        Assert.Equal(GoldenHash, key.HashHex);
    }

    [Fact]
    public void RelativePath_BinanceFuturesTradesDay_MatchesGoldenLayout()
    {
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1));

        Assert.Equal("v3/binance-futures/trades/BTCUSDT/2024/08/08.parquet", key.RelativePath);
    }

    [Fact]
    public void Hash_AnyFieldChanged_Differs()
    {
        var baseline = new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1));
        ChunkKey[] variants =
        [
            new("local-folder", "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1)),
            new(TickSources.TardisDatasets, "binance", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1)),
            new(TickSources.TardisDatasets, "binance-futures", "quotes", "BTCUSDT", Day, TimeSpan.FromDays(1)),
            new(TickSources.TardisDatasets, "binance-futures", "trades", "ETHUSDT", Day, TimeSpan.FromDays(1)),
            new(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day.AddDays(1), TimeSpan.FromDays(1)),
            new(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromHours(1)),
            new(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1), formatVersion: 1),
        ];

        Assert.Equal(variants.Length, variants.Select(v => v.Hash).Append(baseline.Hash).Distinct().Count() - 1);
        Assert.All(variants, v => Assert.NotEqual(baseline, v));
        Assert.Equal(baseline, new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Plan_RangeAcrossMidnight_OneChunkPerUtcDayIntersected()
    {
        var query = new TickQuery("binance-futures", "trades", "BTCUSDT", Day.AddHours(23), Day.AddDays(2).AddMinutes(1));

        var keys = DayGrid.Plan(TickSources.TardisDatasets, query.Exchange, query.DataType, query.Symbols, query.FromUtc, query.ToUtc);

        Assert.Equal([Day, Day.AddDays(1), Day.AddDays(2)], keys.Select(k => k.StartUtc));
        Assert.All(keys, k => Assert.Equal(TimeSpan.FromDays(1), k.Length));
    }

    // Pinned: changing the key material or hash orphans every existing cache. Bump the format version instead.
    // (v1 was b9b68740ba2813a1; v2 (decimal doubles as scaled int64) 54eb9963cdfef71a; v3 made the L2 files standard Parquet.)
    private const string GoldenHash = "8d6156a0ae5cf5a3";
}
