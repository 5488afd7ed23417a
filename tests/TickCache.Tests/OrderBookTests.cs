namespace TickCache.Tests;

/// <summary>The book rebuilt from real incremental_book_L2 agrees with the real book_snapshot_5 of the same capture.</summary>
public sealed class OrderBookTests
{
    public static TheoryData<string, string, int, int, int> Days() => new()
    {
        { "binance-futures", "BTCUSDT", 2023, 4, 4 },
        { "binance-futures", "BTCUSDT", 2024, 7, 18 },
        { "binance-futures", "ETHUSDT", 2024, 7, 18 },
        { "binance", "NEXOUSDT", 2024, 7, 24 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public async Task Replay_RealIncrementalBook_Top5EqualsRealSnapshots(string exchange, string symbol, int year, int month, int day)
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var from = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        var changes = await Harness.ReadBatchesAsync(client, new TickQuery(exchange, "incremental_book_L2", symbol, from, from.AddDays(1)));
        var snapshots = (await Harness.ReadBatchesAsync(client, new TickQuery(exchange, "book_snapshot_5", symbol, from, from.AddDays(1)))).Select(b => b.AsBookSnapshots()).ToList();

        // Top 5 after every message (rows sharing timestamp and local_timestamp), kept when it changed.
        var book = new OrderBook();
        var states = new List<(long Timestamp, string Top)>();
        foreach (var batch in changes.Select(b => b.AsBookChanges()))
        {
            var ts = batch.Batch.Timestamps.Span;
            var local = batch.Batch.LocalTimestamps.Span;
            for (var i = 0; i < batch.Batch.Count; i++)
            {
                book.Apply(ts[i], local[i], batch.IsSnapshot.Span[i] != 0, batch.Sides.Span[i], batch.Prices.Span[i], batch.Amounts.Span[i]);
                var endOfMessage = i + 1 == batch.Batch.Count || ts[i + 1] != ts[i] || local[i + 1] != local[i];
                if (endOfMessage && book.IsInitialized)
                {
                    var top = Describe(book.TopAsks(5), book.TopBids(5));
                    if (states.Count == 0 || states[^1].Top != top)
                    {
                        states.Add((ts[i], top));
                    }
                }
            }
        }

        var expected = new List<(long Timestamp, string Top)>();
        foreach (var snap in snapshots)
        {
            for (var i = 0; i < snap.Batch.Count; i++)
            {
                var asks = Enumerable.Range(0, 5).Select(l => (snap.AskPrices(l).Span[i], snap.AskAmounts(l).Span[i])).Where(x => !double.IsNaN(x.Item1)).ToList();
                var bids = Enumerable.Range(0, 5).Select(l => (snap.BidPrices(l).Span[i], snap.BidAmounts(l).Span[i])).Where(x => !double.IsNaN(x.Item1)).ToList();
                var top = Describe(asks, bids);
                if (expected.Count == 0 || expected[^1].Top != top)
                {
                    // The converter also wrote a snapshot row at each start of day; filed by local_timestamp the next
                    // day's start can end this file, repeating the top it already had.
                    expected.Add((snap.Batch.Timestamps.Span[i], top));
                }
            }
        }

        Assert.True(expected.Count > 1000 || exchange == "binance", $"{expected.Count} snapshots");
        Assert.Equal(expected.Count, states.Count);
        Assert.Equal(expected, states);
        Assert.True(book.BestBid!.Value.Price < book.BestAsk!.Value.Price);
    }

    [Fact]
    public void Apply_UpdatesBeforeSnapshotSkipped_SnapshotAfterUpdatesResets()
    {
        var book = new OrderBook();
        book.Apply(1, 1, false, BookSide.Bid, 100, 1);
        Assert.False(book.IsInitialized);
        Assert.Equal(1, book.SkippedUpdates);

        book.Apply(2, 2, true, BookSide.Bid, 99, 2);
        book.Apply(2, 2, true, BookSide.Ask, 101, 3);
        book.Apply(3, 3, false, BookSide.Bid, 99.5, 1);
        book.Apply(4, 4, false, BookSide.Bid, 99, 0);
        Assert.Equal((99.5, 1.0), book.BestBid);
        Assert.Equal(1, book.BidDepth);

        book.Apply(5, 5, true, BookSide.Bid, 98, 7);
        Assert.Equal((98.0, 7.0), book.BestBid);
        Assert.Null(book.BestAsk);
    }

    private static string Describe(IEnumerable<(double Price, double Amount)> asks, IEnumerable<(double Price, double Amount)> bids) =>
        string.Join(';', asks.Select(a => $"{a.Price:R}x{a.Amount:R}")) + "|" + string.Join(';', bids.Select(b => $"{b.Price:R}x{b.Amount:R}"));
}
