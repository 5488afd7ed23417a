using System.Globalization;
using TickCache.Diagnostics;

namespace TickCache;

/// <summary>
/// A <see cref="TickBatch"/> of <c>book_snapshot_5</c> or <c>book_snapshot_25</c>: the top <see cref="Depth"/> levels per
/// row as fixed-width level columns. Level 0 is the best; asks ascend, bids descend; NaN where the book had fewer levels.
/// No copy; immutable and thread-safe.
/// </summary>
public sealed class BookSnapshotBatch
{
    internal BookSnapshotBatch(TickBatch batch)
    {
        Batch = batch;
        Depth = batch.DataType == TardisDataTypes.BookSnapshot25 ? 25 : 5;
    }

    /// <summary>The untyped batch behind this view (timestamps, symbols, count).</summary>
    public TickBatch Batch { get; }

    /// <summary>This batch's rows copied into memory of their own (<see cref="TickBatch.Keep"/>): call it inside the loop to use the rows after the enumerator moves on.</summary>
    /// <returns>A view over the kept copy; never expires.</returns>
    /// <exception cref="ObjectDisposedException">This batch's lifetime has already ended.</exception>
    public BookSnapshotBatch Keep() => new(Batch.Keep());

    /// <summary>Levels per side: 5 or 25.</summary>
    public int Depth { get; }

    /// <summary>Tardis <c>asks[level].price</c>.</summary>
    /// <param name="level">0 ≤ level &lt; <see cref="Depth"/>.</param>
    /// <returns>The prices.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside the snapshot.</exception>
    public ReadOnlyMemory<double> AskPrices(int level) => Batch.GetDoubles(Name("asks", level, "price"));

    /// <summary>Tardis <c>asks[level].amount</c>.</summary>
    /// <param name="level">0 ≤ level &lt; <see cref="Depth"/>.</param>
    /// <returns>The amounts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside the snapshot.</exception>
    public ReadOnlyMemory<double> AskAmounts(int level) => Batch.GetDoubles(Name("asks", level, "amount"));

    /// <summary>Tardis <c>bids[level].price</c>.</summary>
    /// <param name="level">0 ≤ level &lt; <see cref="Depth"/>.</param>
    /// <returns>The prices.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside the snapshot.</exception>
    public ReadOnlyMemory<double> BidPrices(int level) => Batch.GetDoubles(Name("bids", level, "price"));

    /// <summary>Tardis <c>bids[level].amount</c>.</summary>
    /// <param name="level">0 ≤ level &lt; <see cref="Depth"/>.</param>
    /// <returns>The amounts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside the snapshot.</exception>
    public ReadOnlyMemory<double> BidAmounts(int level) => Batch.GetDoubles(Name("bids", level, "amount"));

    /// <summary>The row at <paramref name="index"/> as a <see cref="BookSnapshot"/> (allocates its level lists).</summary>
    /// <param name="index">0 ≤ index &lt; count.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public BookSnapshot this[int index]
    {
        get
        {
            Batch.CheckIndex(index);
            var asks = new BookLevel[Depth];
            var bids = new BookLevel[Depth];
            for (var level = 0; level < Depth; level++)
            {
                asks[level] = new BookLevel(AskPrices(level).Span[index], AskAmounts(level).Span[index]);
                bids[level] = new BookLevel(BidPrices(level).Span[index], BidAmounts(level).Span[index]);
            }

            return new BookSnapshot(Batch.Exchange, Batch.GetSymbol(index), Batch.Timestamps.Span[index], Batch.LocalTimestamps.Span[index], asks, bids);
        }
    }

    private string Name(string side, int level, string field) =>
        level >= 0 && level < Depth
            ? string.Create(CultureInfo.InvariantCulture, $"{side}[{level}].{field}")
            : throw Errors.LevelOutOfRange(level, Depth, nameof(level));
}
