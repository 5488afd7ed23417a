namespace TickCache.Tests;

/// <summary>
/// A plain query with progress: a report before the first batch (chunks planned, none done), one after each batch,
/// and a final one; counts exact against the emulator, cold (fetched) and warm (from cache).
/// </summary>
public sealed class QueryProgressTests
{
    private static readonly DateTime Day = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task QueryWithProgress_ReportsBeforeTheFirstBatch_AfterEach_AndAtTheEnd_ExactCounts()
    {
        await using var harness = await Harness.StartAsync();
        var query = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Day, Day.AddDays(2));
        var expectedRows = Enumerable.Range(0, 2).Sum(d => TestData.ReadCsv(TestData.FileOf(TestData.Root, "binance-futures", "trades", Day.AddDays(d), "BTCUSDT")).Count);

        var (cold, seenAtFirstBatch, batches) = await RunAsync(harness, query);
        var (warm, _, _) = await RunAsync(harness, query);

        Assert.Equal(2, seenAtFirstBatch); // the start report (none done), then the first batch's, both before the consumer sees it
        Assert.Equal((2, 0, query.Describe()), (cold[0].Planned, cold[0].Done, cold[0].Current));
        Assert.Equal(batches + 2, cold.Count);
        Assert.Equal(cold.Select(r => r.Done).Order(), cold.Select(r => r.Done));
        var end = cold[^1];
        Assert.Equal((2, 2, 2, 0, expectedRows, (string?)null), (end.Planned, end.Done, end.Fetched, end.FromCache, end.Rows, end.Current));
        Assert.True(end.UpstreamBytes > 0);
        Assert.Equal((2, 2, 0, 2, expectedRows), (warm[^1].Planned, warm[^1].Done, warm[^1].Fetched, warm[^1].FromCache, warm[^1].Rows));
        Assert.Equal(2, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task QueryWithProgress_CountsARetriedAttempt_AndA429_AndGivesAnEta()
    {
        await using var harness = await Harness.StartAsync();
        harness.Emulator.EnqueueFault(TickCache.Emulator.EmulatorFault.Status(429, retryAfterSeconds: 0));
        harness.Emulator.EnqueueFault(TickCache.Emulator.EmulatorFault.Status(503));
        var query = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Day, Day.AddDays(2));

        var (reports, _, _) = await RunAsync(harness, query);

        Assert.Null(reports[0].Eta); // nothing done yet
        Assert.Equal((2L, 1L, TimeSpan.Zero), (reports[^1].Retries, reports[^1].RateLimited, reports[^1].Eta));
        Assert.Equal(4, harness.Emulator.DatasetRequests); // two chunks, two of their attempts refused
    }

    [Fact]
    public async Task QueryWithProgress_NullProgress_IsRefusedAtOnce()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        Assert.Throws<ArgumentNullException>(() => client.GetBatchesWithProgressAsync(new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Day, Day.AddDays(1)), null!));
    }

    private static async Task<(List<PrefetchReport> Reports, int SeenAtFirstBatch, int Batches)> RunAsync(Harness harness, TickQuery query)
    {
        using var client = harness.Client();
        var reports = new Recorder();
        var seen = -1;
        var batches = 0;
        await foreach (var batch in client.GetBatchesWithProgressAsync(query, reports))
        {
            if (batches++ == 0)
            {
                seen = reports.Items.Count;
            }
        }

        return (reports.Items, seen, batches);
    }

    /// <summary>Records on the reporting thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder : IProgress<PrefetchReport>
    {
        public List<PrefetchReport> Items { get; } = [];

        public void Report(PrefetchReport value) => Items.Add(value);
    }
}
