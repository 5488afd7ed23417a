using TickCache.Planning;

namespace TickCache.Tests;

/// <summary>
/// Plan, prefetch, list, verify and purge through the client against the emulator and a real L2 folder, with exact
/// counts: the plan says N to fetch, the prefetch makes N requests and reports progress, a second prefetch makes none,
/// the listing shows the N files, verification finds the one damaged file, purges remove exactly what they select.
/// </summary>
public sealed class CacheManagementTests
{
    private static readonly DateTime Jul18 = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    private static TickQuery[] Queries =>
    [
        new("binance-futures", TardisDataTypes.Trades, ["BTCUSDT", "ETHUSDT"], Jul18, Jul18.AddDays(2)),
        new("binance-futures", TardisDataTypes.Quotes, "BTCUSDT", Jul18, Jul18.AddDays(2)),
    ];

    [Fact]
    public async Task PlanPrefetchListVerifyPurge_ExactCounts()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var plan = client.Plan(Queries);
        Assert.Equal((6, 6, 0), (plan.Chunks.Count, plan.ToFetch, plan.Cached));
        Assert.Equal((0L, 6), (plan.EstimatedBytesToFetch, plan.ToFetchWithoutEstimate)); // nothing like them cached yet
        Assert.Equal(0, harness.Emulator.DatasetRequests);

        var reports = new List<PrefetchReport>();
        var first = await client.PrefetchAsync(Queries, new SynchronousProgress<PrefetchReport>(reports.Add));
        Assert.Equal((6, 6, 6, 0, 0), (first.Planned, first.Done, first.Fetched, first.FromCache, first.Unavailable));
        Assert.Equal(6, harness.Emulator.DatasetRequests);
        Assert.True(reports.Count >= 3, $"{reports.Count} reports");
        Assert.Equal(reports.Select(r => r.Done).Order(), reports.Select(r => r.Done));
        Assert.Null(reports[^1].Current);
        Assert.Equal(974 + 9727 + 1640 + 12015, first.Rows - TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "quotes", Jul18, "BTCUSDT")).Count - TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "quotes", Jul18.AddDays(1), "BTCUSDT")).Count);

        using (var second = harness.Client())
        {
            var again = await second.PrefetchAsync(Queries);
            Assert.Equal((6, 0, 6), (again.Done, again.Fetched, again.FromCache));
            Assert.Equal(6, second.Plan(Queries).Cached);
        }

        Assert.Equal(6, harness.Emulator.DatasetRequests);
        var cached = client.GetCachedChunks();
        Assert.Equal(6, cached.Count);

        // A day not cached yet is estimated at the mean size of its symbol's cached days of the same type; cached chunks have no estimate.
        var nextDay = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Jul18, Jul18.AddDays(3));
        var estimated = client.Plan([nextDay]);
        var sameKind = cached.Where(c => c.DataType == TardisDataTypes.Trades && c.Symbol == "BTCUSDT").ToList();
        Assert.Equal((3, 1), (estimated.Chunks.Count, estimated.ToFetch));
        Assert.Equal((long)sameKind.Average(c => c.Bytes), estimated.Chunks.Single(c => c.State == ChunkState.ToFetch).EstimatedBytes);
        Assert.Equal((long)sameKind.Average(c => c.Bytes), estimated.EstimatedBytesToFetch);
        Assert.All(estimated.Chunks.Where(c => c.State != ChunkState.ToFetch), c => Assert.Null(c.EstimatedBytes));
        Assert.All(cached, c => Assert.Equal((TickSources.TardisDatasets, "binance-futures", ChunkKey.CurrentFormatVersion), (c.Source, c.Exchange, c.FormatVersion)));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], cached.Select(c => c.Symbol).Distinct().Order());

        var damaged = cached.First(c => c.Symbol == "ETHUSDT");
        var bytes = await File.ReadAllBytesAsync(damaged.Path);
        await File.WriteAllBytesAsync(damaged.Path, bytes[..(bytes.Length / 2)]); // a torn copy
        var verify = await client.VerifyCacheAsync();
        Assert.Equal((6, 5), (verify.Checked, verify.Valid));
        Assert.Equal([damaged.Path], verify.Quarantined);

        var dry = client.PurgeCache(new CachePurgeFilter { DataType = TardisDataTypes.Quotes, DryRun = true });
        Assert.Equal(2, dry.Files.Count);
        Assert.Equal(5, client.GetCachedChunks().Count);
        var quotes = client.PurgeCache(new CachePurgeFilter { DataType = TardisDataTypes.Quotes });
        Assert.Equal(dry.Files, quotes.Files);
        Assert.Equal(dry.Bytes, quotes.Bytes);
        Assert.Equal(3, client.GetCachedChunks().Count);
        var corrupt = client.PurgeCache(new CachePurgeFilter { Chunks = false, Quarantined = true });
        Assert.Single(corrupt.Files);
        Assert.Contains(".corrupt-", corrupt.Files[0], StringComparison.Ordinal);
        var none = client.PurgeCache(new CachePurgeFilter { Symbols = ["XRPUSDT"] });
        Assert.Empty(none.Files);
        Assert.Equal(3, client.GetCachedChunks().Count);
    }

    [Fact]
    public async Task Prefetch_ASymbolTheSourceLacks_CountsItsChunksAsGaps_AndGoesOn()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        TickQuery[] queries =
        [
            new("binance-futures", TardisDataTypes.Trades, "BTCUSDX", Jul18, Jul18.AddDays(2)),
            new("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Jul18, Jul18.AddDays(1)),
        ];

        var report = await client.PrefetchAsync(queries);

        Assert.Equal((3, 3, 2, 1, 974L), (report.Planned, report.Done, report.Unavailable, report.Fetched, report.Rows));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
