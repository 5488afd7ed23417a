using System.Net;
using Microsoft.Extensions.Time.Testing;
using TickCache.Emulator;

namespace TickCache.Tests;

public sealed class FetchTests
{
    private static readonly TickQuery Aug8 = Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 8);

    [Fact]
    public async Task NoServerListening_FailsSayingItCouldNotConnect_WithoutRateLimitAdvice()
    {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        using var client = new TickCacheClient(new TickCacheOptions
        {
            CacheDirectory = TestData.TempDirectory(),
            DatasetsEndpoint = new Uri("http://127.0.0.1:9/v1"),
            MetadataEndpoint = new Uri("http://127.0.0.1:9/v1"),
            ValidateWithMetadata = false,
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => Harness.ReadAllAsync(client, Aug8));

        Assert.Contains("Could not connect to the source for binance-futures trades BTCUSDT 2024-08-08 after 2 attempt(s) (ConnectionError", e.Message, StringComparison.Ordinal);
        Assert.Contains("Check the network", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rate limiting", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixteenOverlappingQueries_ExactlyOneUpstreamRequestPerChunk()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        harness.Emulator.HoldRequests();
        var first = new DateTime(2024, 7, 17, 0, 0, 0, DateTimeKind.Utc);

        // 16 queries over overlapping windows of 2024-07-17 .. 2024-07-21 (5 distinct chunks).
        var queries = Enumerable.Range(0, 16)
            .Select(i => new TickQuery("binance-futures", "trades", "BTCUSDT", first.AddDays(i % 3), first.AddDays((i % 3) + 2 + (i % 2))))
            .ToList();
        var runs = queries.Select(q => Harness.ReadAllAsync(client, q)).ToList();
        var distinct = queries.SelectMany(q => Enumerable.Range(0, (int)(q.ToUtc - q.FromUtc).TotalDays).Select(d => q.FromUtc.AddDays(d))).Distinct().Count();
        await harness.Emulator.WaitForDatasetRequestsAsync(Math.Min(distinct, 4));
        harness.Emulator.ReleaseRequests();
        var results = await Task.WhenAll(runs);

        Assert.Equal(5, distinct);
        Assert.Equal(distinct, harness.Emulator.DatasetRequests);
        Assert.Equal(distinct, client.GetStatistics().SourceFetches);
        for (var d = 0; d < distinct; d++)
        {
            Assert.Equal(1, harness.Emulator.RequestsFor($"/v1/binance-futures/trades/{first.AddDays(d):yyyy/MM/dd}/BTCUSDT.csv.gz"));
        }

        var reference = results[0];
        Assert.All(results.Where((_, i) => queries[i].FromUtc == queries[0].FromUtc && queries[i].ToUtc == queries[0].ToUtc), r => Assert.Equal(reference, r));
        Assert.Contains(results, r => r.Count == 974 + 9727);
    }

    [Fact]
    public async Task SharedFetch_SomeWaitersCancel_OthersGetDataFromOneRequest()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        harness.Emulator.HoldRequests();
        using var cancelled = new CancellationTokenSource();
        var leaving = Enumerable.Range(0, 3).Select(_ => Harness.ReadAllAsync(client, Aug8, cancelled.Token)).ToList();
        var staying = Enumerable.Range(0, 2).Select(_ => Harness.ReadAllAsync(client, Aug8)).ToList();
        await harness.Emulator.WaitForDatasetRequestsAsync(1);

        await cancelled.CancelAsync();
        foreach (var run in leaving)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        harness.Emulator.ReleaseRequests();
        var results = await Task.WhenAll(staying);

        Assert.All(results, r => Assert.Equal(21313, r.Count));
        Assert.Equal(1, harness.Emulator.DatasetRequests);
        Assert.Single(harness.CachedFiles());
    }

    [Fact]
    public async Task SharedFetch_AllWaitersCancel_FetchCancelledNothingCachedNextCallerStartsAfresh()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        harness.Emulator.HoldRequests();
        using var cancelled = new CancellationTokenSource();
        var runs = Enumerable.Range(0, 3).Select(_ => Harness.ReadAllAsync(client, Aug8, cancelled.Token)).ToList();
        await harness.Emulator.WaitForDatasetRequestsAsync(1);

        await cancelled.CancelAsync();
        foreach (var run in runs)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        Assert.Equal(0, client.Chain.Flights.Waiters(new Planning.ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Aug8.FromUtc, TimeSpan.FromDays(1))));
        harness.Emulator.ReleaseRequests();
        Assert.DoesNotContain(harness.CachedFiles(), f => f.EndsWith(".parquet", StringComparison.Ordinal));

        var again = await Harness.ReadAllAsync(client, Aug8);
        Assert.Equal(21313, again.Count);
        Assert.Equal(2, harness.Emulator.DatasetRequests);
        Assert.Equal(2, client.GetStatistics().SourceFetches);
    }

    [Fact]
    public async Task RateLimited429_RetryAfterHonouredOnTheClock_ThenSucceeds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o =>
        {
            o.TimeProvider = clock;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
        });
        harness.Emulator.EnqueueFault(EmulatorFault.Status(429, retryAfterSeconds: 30));

        var run = Harness.ReadAllAsync(client, Aug8);
        await harness.Emulator.WaitForDatasetRequestsAsync(1);
        var second = harness.Emulator.WaitForDatasetRequestsAsync(2);
        var advanced = TimeSpan.Zero;
        while (!second.IsCompleted && advanced < TimeSpan.FromMinutes(5))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await Task.WhenAny(second, Task.Delay(20)); // pumps continuations; fake time decides when the retry may go
        }

        var trades = await run;
        Assert.True(advanced >= TimeSpan.FromSeconds(30), $"retried after {advanced} of clock time, before the 30 s Retry-After");
        Assert.Equal(21313, trades.Count);
        Assert.Equal(1, client.GetStatistics().RateLimitedResponses);
        Assert.Equal(2, harness.Emulator.DatasetRequests);
        Assert.Equal(3, client.GetStatistics().UpstreamRequests); // the two attempts and one metadata request
        Assert.Equal(2, client.Counters.TokensSpent);
    }

    [Fact]
    public async Task Unauthorized401_FailsFastWithoutRetryAndWithoutTheKey()
    {
        await using var harness = await Harness.StartAsync();
        const string WrongKey = "wrong_secret_key_777";
        using var client = harness.Client(o => o.ApiKey = WrongKey);

        var e = await Assert.ThrowsAsync<UpstreamRequestException>(() => Harness.ReadAllAsync(client, Aug8));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Contains("binance-futures trades BTCUSDT 2024-08-08", e.Message, StringComparison.Ordinal);
        Assert.Contains("TARDIS_API_KEY", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, e.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, harness.Emulator.DatasetRequests);
        Assert.Empty(harness.CachedFiles());
    }

    [Fact]
    public async Task FirstDayOfMonth_NoKeyNeeded()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => o.ApiKey = null);

        var trades = await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 1));

        Assert.Empty(trades);
        Assert.Equal(1, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task UnknownSymbol404_FailsFastNamingTheSymbol()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => o.ValidateWithMetadata = false);

        var e = await Assert.ThrowsAsync<UpstreamRequestException>(() => Harness.ReadAllAsync(client, Harness.Day("binance-futures", "DOGEUSDT", 2024, 8, 8)));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Contains("'DOGEUSDT'", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Emulator.DatasetRequests);
    }

    public static TheoryData<string> BadBodies() => new() { "truncated", "not-gzip", "abort" };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_RejectedNeverCached_RetriedToCorrectData(string kind)
    {
        var fault = kind switch { "truncated" => EmulatorFault.TruncatedBody, "not-gzip" => EmulatorFault.NotGzip, _ => EmulatorFault.AbortMidBody };
        await using var harness = await Harness.StartAsync();

        using (var noRetry = harness.Client(o => o.MaxRetries = 0))
        {
            harness.Emulator.EnqueueFault(fault);
            var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => Harness.ReadAllAsync(noRetry, Aug8));
            Assert.Equal(1, e.Attempts);
            Assert.Empty(harness.CachedFiles());
        }

        using var client = harness.Client();
        harness.Emulator.EnqueueFault(fault);
        var trades = await Harness.ReadAllAsync(client, Aug8);

        Assert.Equal(21313, trades.Count);
        Assert.Equal(3, harness.Emulator.DatasetRequests);
        Assert.Equal(2, client.Counters.TokensSpent);
        Assert.Single(harness.CachedFiles());
    }

    [Fact]
    public async Task ServerErrorsExhaustRetries_UnavailableWithAttemptCount()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => o.MaxRetries = 2);
        for (var i = 0; i < 3; i++)
        {
            harness.Emulator.EnqueueFault(EmulatorFault.Status(503));
        }

        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => Harness.ReadAllAsync(client, Aug8));

        Assert.Equal(3, e.Attempts);
        Assert.Equal(3, harness.Emulator.DatasetRequests);
        Assert.Equal(3, client.Counters.TokensSpent);
        Assert.Empty(harness.CachedFiles());
    }

    [Fact]
    public async Task ClientDisposedDuringAQuery_ObjectDisposedNamingTheClient()
    {
        await using var harness = await Harness.StartAsync(o => o.Latency = TimeSpan.FromSeconds(30));
        var client = harness.Client();
        var enumerator = client.GetBatchesAsync(Aug8).GetAsyncEnumerator();
        var first = enumerator.MoveNextAsync().AsTask();
        await harness.Emulator.WaitForDatasetRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(30)); // the download is in flight

        client.Dispose();
        var e = await Assert.ThrowsAsync<ObjectDisposedException>(() => first).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("TickCacheClient was disposed while this query was running", e.Message, StringComparison.Ordinal);
        await enumerator.DisposeAsync();
    }
}
