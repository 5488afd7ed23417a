using Microsoft.Extensions.Time.Testing;

namespace TickCache.Tests;

/// <summary>
/// The client's limits and switches, each against the emulator over real HTTP with exact counts: the concurrency cap,
/// L2 turned off, L1 evicting within its budget, the attempt timeout (on a fake clock), and finality when the metadata
/// service is down.
/// </summary>
public sealed class LimitsTests
{
    private static readonly DateTime Jul18 = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ConcurrencyCap_NeverMoreRequestsInFlightThanMaxConcurrentRequests()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => (o.MaxConcurrentRequests, o.PrefetchChunks) = (2, 8));
        harness.Emulator.HoldRequests();
        var query = new TickQuery("binance-futures", TardisDataTypes.Trades, ["BTCUSDT", "ETHUSDT"], Jul18, Jul18.AddDays(2));

        var reading = Harness.ReadAllAsync(client, query);
        await harness.Emulator.WaitForDatasetRequestsAsync(2);
        var heldAtOnce = harness.Emulator.DatasetRequests;
        harness.Emulator.ReleaseRequests();
        await reading;

        Assert.Equal(2, heldAtOnce); // the other two chunks wait for a slot while the first two are held
        Assert.Equal(2, harness.Emulator.PeakInFlight);
        Assert.Equal(4, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task DiskCacheOff_NothingIsWritten_TheSecondClientDownloadsAgain()
    {
        await using var harness = await Harness.StartAsync();
        var query = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Jul18, Jul18.AddDays(1));

        for (var run = 0; run < 2; run++)
        {
            using var client = harness.Client(o => o.UseDiskCache = false);
            Assert.Equal(974, (await Harness.ReadAllAsync(client, query)).Count);
            Assert.Equal(0, client.GetStatistics().DiskHits);
        }

        Assert.Equal(2, harness.Emulator.DatasetRequests);
        Assert.Empty(harness.CachedFiles());
    }

    [Fact]
    public async Task MemoryBudget_HoldsWhatFits_AndEvictsTheRest_ReadsStayCorrect()
    {
        await using var harness = await Harness.StartAsync();
        var small = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Jul18, Jul18.AddDays(1)); // 974 rows
        var large = new TickQuery("binance-futures", TardisDataTypes.Quotes, "BTCUSDT", Jul18.AddDays(1), Jul18.AddDays(2)); // 45,147 rows
        using var client = harness.Client(o => (o.MemoryBudgetBytes, o.ValidateWithMetadata) = (200_000, false)); // holds the small day, not the large one

        for (var run = 0; run < 2; run++)
        {
            await Harness.ReadBatchesAsync(client, small);
            await Harness.ReadBatchesAsync(client, large);
        }

        var stats = client.GetStatistics();
        Assert.Equal(1, stats.MemoryHits); // the small day, on the second pass
        Assert.Equal(1, stats.DiskHits); // the large day never fits: read from L2 on the second pass
        Assert.Equal(2, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task AttemptTimeout_ASlowServerIsRetried_ThenFailsNamingTheChunk()
    {
        await using var harness = await Harness.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = harness.Client(o => (o.TimeProvider, o.AttemptTimeout, o.MaxRetries, o.ValidateWithMetadata) = (clock, TimeSpan.FromSeconds(5), 1, false));
        harness.Emulator.HoldRequests(); // the server never answers
        var query = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Jul18, Jul18.AddDays(1));

        var reading = Harness.ReadAllAsync(client, query);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await harness.Emulator.WaitForDatasetRequestsAsync(attempt);
            while (harness.Emulator.DatasetRequests == attempt && !reading.IsCompleted)
            {
                clock.Advance(TimeSpan.FromSeconds(1)); // past the attempt timeout, then past the retry delay
                await Task.WhenAny(reading, harness.Emulator.WaitForDatasetRequestsAsync(attempt + 1), Task.Delay(50));
            }
        }

        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => reading);
        harness.Emulator.ReleaseRequests();
        Assert.Contains("Could not get binance-futures trades BTCUSDT 2024-07-18 from the source after 2 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task MetadataServiceDown_AnOldDayIsStillFinal_AndStoredOnDisk()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => (o.MetadataEndpoint, o.ValidateWithMetadata) = (new Uri("http://127.0.0.1:9/v1"), true));
        var query = new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", Jul18, Jul18.AddDays(1));

        Assert.Equal(974, (await Harness.ReadAllAsync(client, query)).Count);

        Assert.Single(harness.CachedFiles(), f => f.EndsWith(".parquet", StringComparison.Ordinal)); // final by the time rule
        Assert.Equal(1, harness.Emulator.DatasetRequests);
    }
}
