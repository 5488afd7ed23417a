using System.Collections.Concurrent;
using System.Diagnostics;

namespace TickCache.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Query_ColdThenWarm_EmitsQueryChunkAndFetchSpansWithTiers()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TickCacheTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        // Its own symbol in its own data folder: the listener is process-wide, and other tests run in parallel.
        var root = TestData.TempDirectory();
        var day = new DateTime(2024, 8, 9, 0, 0, 0, DateTimeKind.Utc);
        var t = (day - DateTime.UnixEpoch).Ticks / 10;
        await TestData.WriteCsvGzipAsync(root, "binance-futures", "trades", day, "TELEMETRYUSDT", "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
            string.Concat(Enumerable.Range(0, 3).Select(i => $"binance-futures,TELEMETRYUSDT,{t + i},{t + i + 5},{i + 1},buy,100.5,{i + 1}\n")));
        await using var harness = await Harness.StartAsync(o => o.DataDirectory = root);
        var query = Harness.Day("binance-futures", "TELEMETRYUSDT", 2024, 8, 9);

        using (var cold = harness.Client())
        {
            await Harness.ReadAllAsync(cold, query);
        }

        using (var warm = harness.Client())
        {
            await Harness.ReadAllAsync(warm, query);
        }

        var mine = spans.Where(s => s.GetTagItem("tickcache.chunk") as string == "binance-futures trades TELEMETRYUSDT 2024-08-09" || (s.OperationName == TickCacheTelemetry.QuerySpan && s.GetTagItem("tickcache.symbols") as string == "TELEMETRYUSDT")).ToList();
        Assert.Equal(2, mine.Count(s => s.OperationName == TickCacheTelemetry.QuerySpan));
        Assert.Equal(["source", "disk"], mine.Where(s => s.OperationName == TickCacheTelemetry.ChunkSpan).Select(s => s.GetTagItem(TickCacheTelemetry.TierTag)));
        var fetch = Assert.Single(mine, s => s.OperationName == TickCacheTelemetry.FetchSpan);
        Assert.Equal(200, fetch.GetTagItem("http.response.status_code"));
        Assert.Equal(3, fetch.GetTagItem("tickcache.rows"));
        Assert.All(mine, s => Assert.Equal(TickSources.TardisDatasets, s.GetTagItem(TickCacheTelemetry.SourceTag)));
        Assert.DoesNotContain(Harness.ApiKey, string.Join(' ', mine.SelectMany(s => s.TagObjects).Select(t => t.Value)), StringComparison.Ordinal);
    }
}
