using TickCache.Diagnostics;

namespace TickCache;

/// <summary>
/// Rebuilds an L2 order book from Tardis <c>incremental_book_L2</c> rows with the documented semantics: <c>amount</c> is
/// the level's new absolute size and 0 removes it; snapshot rows (<c>is_snapshot</c>) form a full book, and a snapshot
/// that follows update rows (or a snapshot message with a new <c>local_timestamp</c>) discards the old book; update rows
/// before the first snapshot are skipped (the book is unknown then). Prices in quote currency, amounts in base currency
/// or contracts. Not thread-safe: one instance per symbol per consumer.
/// </summary>
public sealed class OrderBook
{
    private readonly SortedDictionary<double, double> _bids = new(Comparer<double>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<double, double> _asks = [];
    private bool _lastWasSnapshot;
    private long _snapshotLocalTimestamp = long.MinValue;

    /// <summary>True once a snapshot has been applied: before it, the book is unknown and updates are skipped.</summary>
    public bool IsInitialized { get; private set; }

    /// <summary>Exchange <c>timestamp</c> (µs, UTC) of the last applied row.</summary>
    public long Timestamp { get; private set; }

    /// <summary><c>local_timestamp</c> (µs, UTC) of the last applied row.</summary>
    public long LocalTimestamp { get; private set; }

    /// <summary>Update rows skipped because no snapshot had been seen yet.</summary>
    public long SkippedUpdates { get; private set; }

    /// <summary>Number of bid levels.</summary>
    public int BidDepth => _bids.Count;

    /// <summary>Number of ask levels.</summary>
    public int AskDepth => _asks.Count;

    /// <summary>The highest bid (price, amount), or null when there is none.</summary>
    public (double Price, double Amount)? BestBid => _bids.Count == 0 ? null : First(_bids);

    /// <summary>The lowest ask (price, amount), or null when there is none.</summary>
    public (double Price, double Amount)? BestAsk => _asks.Count == 0 ? null : First(_asks);

    /// <summary>Applies every row of a batch, in order.</summary>
    /// <param name="changes">Rows of one symbol (<see cref="TickBatch.HasSingleSymbol"/>).</param>
    /// <exception cref="ArgumentException">The batch holds several symbols: split it per symbol first.</exception>
    public void Apply(BookChangeBatch changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!changes.Batch.HasSingleSymbol)
        {
            throw Errors.MixedSymbols(nameof(changes));
        }

        var ts = changes.Batch.Timestamps.Span;
        var local = changes.Batch.LocalTimestamps.Span;
        var snapshot = changes.IsSnapshot.Span;
        var sides = changes.Sides.Span;
        var prices = changes.Prices.Span;
        var amounts = changes.Amounts.Span;
        for (var i = 0; i < changes.Batch.Count; i++)
        {
            Apply(ts[i], local[i], snapshot[i] != 0, sides[i], prices[i], amounts[i]);
        }
    }

    /// <summary>Applies one row.</summary>
    /// <param name="timestamp">Exchange time, µs.</param>
    /// <param name="localTimestamp">Arrival time, µs (rows of one message share it).</param>
    /// <param name="isSnapshot">Tardis <c>is_snapshot</c>.</param>
    /// <param name="side">Tardis <c>side</c>.</param>
    /// <param name="price">Level price.</param>
    /// <param name="amount">New absolute size; 0 removes the level.</param>
    public void Apply(long timestamp, long localTimestamp, bool isSnapshot, BookSide side, double price, double amount)
    {
        if (isSnapshot)
        {
            if (!_lastWasSnapshot || localTimestamp != _snapshotLocalTimestamp)
            {
                _bids.Clear();
                _asks.Clear();
                _snapshotLocalTimestamp = localTimestamp;
            }

            IsInitialized = true;
        }
        else if (!IsInitialized)
        {
            SkippedUpdates++;
            _lastWasSnapshot = false;
            return;
        }

        _lastWasSnapshot = isSnapshot;
        Timestamp = timestamp;
        LocalTimestamp = localTimestamp;
        var levels = side == BookSide.Bid ? _bids : _asks;
        if (amount == 0)
        {
            levels.Remove(price);
        }
        else
        {
            levels[price] = amount;
        }
    }

    /// <summary>The best <paramref name="depth"/> bid levels, highest first (fewer when the book is thinner).</summary>
    /// <param name="depth">Levels wanted, ≥ 1.</param>
    /// <returns>(price, amount) pairs.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> &lt; 1.</exception>
    public IReadOnlyList<(double Price, double Amount)> TopBids(int depth) => Top(_bids, depth);

    /// <summary>The best <paramref name="depth"/> ask levels, lowest first (fewer when the book is thinner).</summary>
    /// <param name="depth">Levels wanted, ≥ 1.</param>
    /// <returns>(price, amount) pairs.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> &lt; 1.</exception>
    public IReadOnlyList<(double Price, double Amount)> TopAsks(int depth) => Top(_asks, depth);

    private static (double, double) First(SortedDictionary<double, double> levels)
    {
        foreach (var (price, amount) in levels)
        {
            return (price, amount);
        }

        throw Errors.EmptyBookSide();
    }

    private static List<(double Price, double Amount)> Top(SortedDictionary<double, double> levels, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var top = new List<(double, double)>(Math.Min(depth, levels.Count));
        foreach (var (price, amount) in levels)
        {
            if (top.Count == depth)
            {
                break;
            }

            top.Add((price, amount));
        }

        return top;
    }
}
