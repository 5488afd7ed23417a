using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using TickCache.Emulator;
using TickCache.Fetching;

namespace TickCache.Tests;

/// <summary>
/// A source's server that goes silent — mid-body or before its headers — fails the attempt after
/// <see cref="TickCacheOptions.StallTimeout"/> on the client's clock (a fake one here), and the retry gets the exact rows;
/// the client's own time between reads never counts.
/// </summary>
public sealed class StallTimeoutTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task BodyStalledMidway_IsAbandonedAfterStallTimeout_AndTheRetryReadsTheExactDay()
    {
        await using var harness = await Harness.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = harness.Client(o => (o.TimeProvider, o.StallTimeout, o.MaxRetries, o.ValidateWithMetadata) = (clock, Stall, 1, false));
        harness.Emulator.EnqueueFault(EmulatorFault.StallMidBody);
        var query = Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18);

        var reading = Harness.ReadAllAsync(client, query);
        var advanced = await AdvanceUntilAsync(clock, harness.Emulator.WaitForDatasetRequestsAsync(2), reading);

        Assert.Equal(974, (await reading).Count);
        Assert.Equal(2, harness.Emulator.DatasetRequests);
        Assert.Equal((1, 2), (client.GetStatistics().SourceFetches, client.GetStatistics().UpstreamRequests)); // one download, two attempts
        Assert.InRange(advanced, Stall, TimeSpan.FromMinutes(1)); // the stall, then the retry's backoff: far inside AttemptTimeout
    }

    [Fact]
    public async Task NoResponseHeaders_FailAfterStallTimeout_NotAtTheEndOfTheAttemptTimeout()
    {
        await using var harness = await Harness.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = harness.Client(o => (o.TimeProvider, o.StallTimeout, o.MaxRetries, o.ValidateWithMetadata) = (clock, Stall, 0, false));
        harness.Emulator.HoldRequests(); // the server takes the request and never answers

        var reading = Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18));
        await harness.Emulator.WaitForDatasetRequestsAsync(1);
        var advanced = await AdvanceUntilAsync(clock, reading, reading);

        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => reading);
        harness.Emulator.ReleaseRequests();
        Assert.Contains("sent no response headers for 5 s (TickCacheOptions.StallTimeout)", e.Message, StringComparison.Ordinal);
        Assert.Contains("/v1/binance-futures/trades/2024/07/18/BTCUSDT.csv.gz", e.Message, StringComparison.Ordinal);
        Assert.InRange(advanced, Stall, Stall + TimeSpan.FromSeconds(1));
        Assert.Equal(1, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task TimeBetweenReads_IsTheClientsOwn_OnlyAWaitForTheServerCounts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pipe = new Pipe();
        using var guard = new StallGuard(Stall, clock, new Uri("http://127.0.0.1:1/v1/file.csv.gz?x=1"));
        await using var body = new StallGuardStream(pipe.Reader.AsStream(), new ByteArrayContent([]), guard);
        var buffer = new byte[16];

        await pipe.Writer.WriteAsync(new byte[] { 1, 2, 3 });
        Assert.Equal(3, await body.ReadAsync(buffer));
        clock.Advance(TimeSpan.FromHours(1)); // the client decoding: not a stall
        await pipe.Writer.WriteAsync(new byte[] { 4 });
        Assert.Equal(1, await body.ReadAsync(buffer));

        var waiting = body.ReadAsync(buffer).AsTask();
        clock.Advance(Stall - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var e = await Assert.ThrowsAsync<IOException>(() => waiting);
        Assert.Equal("http://127.0.0.1:1/v1/file.csv.gz sent no next byte of the body for 5 s (TickCacheOptions.StallTimeout): the attempt is abandoned and retried. Raise StallTimeout for a very slow link.", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_401)]
    public void StallTimeout_OutOfRange_NamesTheSetting(int seconds)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { StallTimeout = TimeSpan.FromSeconds(seconds), CacheDirectory = TestData.TempDirectory() }));

        Assert.Contains("StallTimeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("it must be > 0 and ≤ 1 day", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Advances the fake clock a second at a time until <paramref name="until"/> completes (or <paramref name="reading"/> ends); returns how far.</summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider clock, Task until, Task reading)
    {
        var advanced = TimeSpan.Zero;
        while (!until.IsCompleted && !reading.IsCompleted && advanced < TimeSpan.FromMinutes(5))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await Task.WhenAny(until, reading, Task.Delay(50)); // pumps continuations; the fake clock decides when the guard fires
        }

        return advanced;
    }
}
