using TickCache.Fetching;
using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>
/// The single flight hands a reference-counted result to every waiter: the share callback sees exactly the callers
/// still waiting when the result is ready, so each gets one reference and the pooled arrays go back after the last.
/// </summary>
public sealed class SingleFlightShareTests
{
    [Fact]
    public async Task FiveWaiters_OneCancelledBeforeTheResult_ShareSeesFour_AndTheArraysGoBackAfterTheFourthRelease()
    {
        var flights = new SingleFlight<string, ChunkColumns>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var shares = new List<int>();
        var rental = new ColumnRental();
        _ = rental.Rent<long>(100);
        var columns = new ChunkColumns(DatasetSchemas.For("trades"), 0, [], [], [], [], null, null, [], null, rental);
        async Task<ChunkColumns> Operation(string key, CancellationToken token)
        {
            Interlocked.Increment(ref started);
            await gate.Task.WaitAsync(token);
            return columns;
        }

        void Share(ChunkColumns value, int waiters)
        {
            lock (shares)
            {
                shares.Add(waiters);
            }

            value.Share(waiters);
        }

        using var leaving = new CancellationTokenSource();
        var calls = Enumerable.Range(0, 4).Select(_ => flights.RunAsync("day", Operation, CancellationToken.None, Share)).ToList();
        var cancelled = flights.RunAsync("day", Operation, leaving.Token, Share);
        Assert.Equal(5, flights.Waiters("day"));
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(4, flights.Waiters("day"));

        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, started);
        Assert.Equal([4], shares);
        Assert.All(results, r => Assert.Same(columns, r));
        for (var i = 0; i < 3; i++)
        {
            results[i].Release();
            Assert.False(rental.IsReturned, $"returned after {i + 1} of 4 releases");
        }

        results[3].Release();
        Assert.True(rental.IsReturned);
        Assert.False(columns.TryAcquire(), "a reference is never taken from arrays that went back");
    }

    [Fact]
    public async Task ADayL1CannotKeep_GoesBackToThePool_OnceNoStreamHoldsIt_WhileTheDayL1KeepsStays()
    {
        await using var harness = await Harness.StartAsync();
        var days = Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18, days: 2);
        using (var first = harness.Client())
        {
            _ = await Harness.ReadAllAsync(first, days);
        }

        var sizes = new List<long>();
        using (var measuring = harness.Client(o => o.MemoryBudgetBytes = 0))
        {
            await foreach (var batch in measuring.GetBatchesAsync(days))
            {
                sizes.Add(batch.Columns.SizeInBytes);
            }
        }

        // L1 holds either of these days, not both (max + min/2 < the sum): one of them is refused or evicted.
        using var client = harness.Client(o => o.MemoryBudgetBytes = sizes.Max() + ((sizes.Min() - 1) / 2));
        var seen = new List<(ColumnRental Rental, DateTime Day)>();
        await foreach (var batch in client.GetBatchesAsync(days))
        {
            seen.Add((batch.Columns.Rental!, batch.ChunkStartUtc));
        }

        // MemoryCache refuses an entry over its budget or compacts in the background, and runs eviction callbacks on
        // the thread pool: wait, bounded, until that has settled — every day's arrays back exactly when L1 lacks it.
        bool InMemory(DateTime day) => client.Chain.StateOf(new Planning.ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", day, TimeSpan.FromDays(1))) == ChunkState.InMemory;
        bool Settled() => seen.All(s => s.Rental.IsReturned == !InMemory(s.Day));
        // One snapshot decides: an eviction may still be under way between two looks (L1 forgets the day before its
        // callback gives the arrays back), so the state is judged where the loop saw it settled.
        var deadline = Task.Delay(TimeSpan.FromSeconds(30));
        var settled = false;
        while (!settled && !deadline.IsCompleted)
        {
            settled = Settled() && seen.Any(s => s.Rental.IsReturned);
            if (!settled)
            {
                await Task.Yield();
            }
        }

        Assert.Equal(2, seen.Count);
        Assert.True(settled, "a day L1 keeps has its arrays, a day it lacks gave them back, and at least one went back");
        Assert.True(seen.Count(s => InMemory(s.Day)) <= 1, "the budget holds one day, not both");
    }
}
