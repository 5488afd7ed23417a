using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>
/// A batch lives until its enumerator moves on; its pooled arrays then go back and are reused. Reading it afterwards
/// is a clear error, never other rows; <c>Keep()</c> holds rows for longer. (The whole suite also runs with returned
/// arrays overwritten by junk, so a lifetime bug anywhere shows up as wrong values.)
/// </summary>
public sealed class BatchLifetimeTests
{
    private static readonly TickQuery TwoDays = Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18, days: 2);

    [Fact]
    public async Task ABatchReadAfterTheEnumeratorMovedOn_Throws_WhileItsKeptCopyStaysExact()
    {
        await using var harness = await Harness.StartAsync();
        var expected = await FillL2Async(harness); // the next client reads the files: pooled columns

        using var client = harness.Client();
        await using var stream = client.GetBatchesAsync(TwoDays).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        var batch = stream.Current;
        Assert.NotNull(batch.Columns.Rental);
        var trades = batch.AsTrades();
        var prices = trades.Prices;
        var kept = trades.Keep();
        var keptAgain = kept.Keep();
        Assert.Same(kept.Batch, keptAgain.Batch);

        Assert.True(await stream.MoveNextAsync());

        Assert.Throws<ObjectDisposedException>(() => prices.Span[0]);
        Assert.Throws<ObjectDisposedException>(() => batch.GetDoubles("price"));
        Assert.Throws<ObjectDisposedException>(() => batch.Timestamps);
        Assert.Throws<ObjectDisposedException>(() => batch.GetSymbol(0));
        Assert.Throws<ObjectDisposedException>(() => trades[0]);
        Assert.Throws<ObjectDisposedException>(() => trades.Sides);
        Assert.Throws<ObjectDisposedException>(() => batch.Keep());
        var error = Assert.Throws<ObjectDisposedException>(() => batch.LocalTimestamps);
        Assert.Contains("Keep()", error.Message, StringComparison.Ordinal);
        Assert.Equal(kept.Count, batch.Count); // what describes the batch stays readable
        Assert.Equal("binance-futures", batch.Exchange);
        Assert.Equal(new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc), batch.ChunkStartUtc);

        var rows = Enumerable.Range(0, kept.Count).Select(i => kept[i]).ToList();
        Assert.Equal(expected.Take(kept.Count), rows);
        Assert.Equal(rows.Select(r => r.Price), kept.Prices.ToArray());
    }

    [Fact]
    public async Task ReadingAColumnPropertyOncePerRow_AllocatesNothingAfterTheFirstRead()
    {
        await using var harness = await Harness.StartAsync();
        _ = await FillL2Async(harness);

        using var client = harness.Client();
        await foreach (var trades in client.GetTradeBatchesAsync(TwoDays))
        {
            double sum = 0;
            _ = (trades.Prices, trades.Amounts, trades.Timestamps, trades.Sides); // each view is made once per batch
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < trades.Count; i++)
            {
                sum += trades.Prices.Span[i] * trades.Amounts.Span[i] + trades.Timestamps.Span[i] + (int)trades.Sides.Span[i];
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(sum > 0);
        }
    }

    [Fact]
    public async Task WithL1Off_EachChunksPooledArrays_GoBack_AsSoonAsTheConsumerMovesOn_AndTheLastOnDisposal()
    {
        await using var harness = await Harness.StartAsync();
        _ = await FillL2Async(harness);

        using var client = harness.Client(o => o.MemoryBudgetBytes = 0);
        var rentals = new List<ColumnRental>();
        await using (var stream = client.GetBatchesAsync(TwoDays).GetAsyncEnumerator())
        {
            while (await stream.MoveNextAsync())
            {
                Assert.All(rentals, r => Assert.True(r.IsReturned));
                var rental = stream.Current.Columns.Rental!;
                Assert.False(rental.IsReturned);
                rentals.Add(rental);
            }

            Assert.All(rentals, r => Assert.True(r.IsReturned));
        }

        Assert.Equal(2, rentals.Count);
        Assert.Equal(2, client.GetStatistics().DiskHits);
    }

    [Fact]
    public async Task WithL1On_TheCachedChunksArrays_StayWhileL1HoldsThem_AndEveryReaderGetsTheSameRows()
    {
        await using var harness = await Harness.StartAsync();
        _ = await FillL2Async(harness);

        using var client = harness.Client();
        var rentals = new List<ColumnRental>();
        await foreach (var batch in client.GetBatchesAsync(TwoDays))
        {
            rentals.Add(batch.Columns.Rental!);
        }

        Assert.All(rentals, r => Assert.False(r.IsReturned)); // L1's own references
        var again = await Harness.ReadAllAsync(client, TwoDays);
        Assert.Equal(2, client.GetStatistics().MemoryHits);
        using var fresh = harness.Client(o => o.MemoryBudgetBytes = 0);
        Assert.Equal(await Harness.ReadAllAsync(fresh, TwoDays), again);
    }

    [Fact]
    public async Task TwoStreamsOfTheSameChunks_OneMovingOnAndEnding_LeavesTheOthersBatchIntact()
    {
        await using var harness = await Harness.StartAsync();
        var expected = await FillL2Async(harness); // the next client reads the files: pooled columns

        using var client = harness.Client(o => o.MemoryBudgetBytes = 0);
        await using var slow = client.GetTradeBatchesAsync(TwoDays).GetAsyncEnumerator();
        await using (var fast = client.GetTradeBatchesAsync(TwoDays).GetAsyncEnumerator())
        {
            Assert.True(await slow.MoveNextAsync());
            while (await fast.MoveNextAsync())
            {
            }
        }

        var held = slow.Current;
        Assert.Equal(expected.Take(held.Count), Enumerable.Range(0, held.Count).Select(i => held[i]));
        Assert.True(await slow.MoveNextAsync());
        var second = slow.Current;
        Assert.Equal(expected.Skip(held.Count), Enumerable.Range(0, second.Count).Select(i => second[i]));
        Assert.Throws<ObjectDisposedException>(() => held.Prices.Span[0]);
    }

    [Fact]
    public async Task AMergedStreamsRun_IsValidUntilTheNextRun()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var queries = new[] { TwoDays, Harness.Day("binance-futures", "ETHUSDT", 2024, 7, 18, days: 2) };
        await using var merged = client.GetMergedBatchesAsync(queries).GetAsyncEnumerator();
        Assert.True(await merged.MoveNextAsync());
        var run = merged.Current;
        var times = run.LocalTimestamps;
        var kept = run.Keep();
        Assert.True(await merged.MoveNextAsync());

        Assert.Throws<ObjectDisposedException>(() => times.Span[0]);
        Assert.Throws<ObjectDisposedException>(() => run.GetDoubles("price"));
        Assert.Equal(kept.Count, run.Count);
        Assert.True(kept.LocalTimestamps.Span[0] <= merged.Current.LocalTimestamps.Span[0]);
    }

    /// <summary>Reads the two days once through a first client, so that they are on disk; returns their trades.</summary>
    private static async Task<List<Trade>> FillL2Async(Harness harness)
    {
        using var first = harness.Client();
        return await Harness.ReadAllAsync(first, TwoDays);
    }
}
