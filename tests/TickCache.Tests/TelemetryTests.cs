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
        await using var harness = await Harness.StartAsync();
        var query = Harness.Day("binance-futures", "ETHUSDT", 2024, 8, 9);

        using (var cold = harness.Client())
        {
            await Harness.ReadAllAsync(cold, query);
        }

        using (var warm = harness.Client())
        {
            await Harness.ReadAllAsync(warm, query);
        }

        // Other tests run in parallel in this process: keep only this test's chunk.
        var mine = spans.Where(s => s.GetTagItem("tickcache.chunk") as string == "binance-futures trades ETHUSDT 2024-08-09" || (s.OperationName == TickCacheTelemetry.QuerySpan && s.GetTagItem("tickcache.symbols") as string == "ETHUSDT" && (string?)s.GetTagItem("tickcache.from") == query.FromUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, mine.Count(s => s.OperationName == TickCacheTelemetry.QuerySpan));
        Assert.Equal(["source", "disk"], mine.Where(s => s.OperationName == TickCacheTelemetry.ChunkSpan).Select(s => s.GetTagItem(TickCacheTelemetry.TierTag)));
        var fetch = Assert.Single(mine, s => s.OperationName == TickCacheTelemetry.FetchSpan);
        Assert.Equal(200, fetch.GetTagItem("http.response.status_code"));
        Assert.Equal(0, fetch.GetTagItem("tickcache.rows")); // filed by local_timestamp, the day's few rows belong to 2024-08-08
        Assert.DoesNotContain(Harness.ApiKey, string.Join(' ', mine.SelectMany(s => s.TagObjects).Select(t => t.Value)), StringComparison.Ordinal);
    }
}
