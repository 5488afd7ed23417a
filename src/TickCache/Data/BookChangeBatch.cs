namespace TickCache;

/// <summary>
/// A <see cref="TickBatch"/> of <c>incremental_book_L2</c>: one changed price level per row. <c>amount</c> is the new
/// absolute size of the level (0 removes it); rows with <c>is_snapshot</c> form a (re)snapshot — one that follows
/// non-snapshot rows replaces the book. Rows sharing a <c>local_timestamp</c> came in one message. Replay them with
/// <see cref="OrderBook"/>. No copy; immutable and thread-safe.
/// </summary>
public sealed class BookChangeBatch
{
    internal BookChangeBatch(TickBatch batch)
    {
        Batch = batch;
    }

    /// <summary>The untyped batch behind this view (timestamps, symbols, count).</summary>
    public TickBatch Batch { get; }

    /// <summary>This batch's rows copied into memory of their own (<see cref="TickBatch.Keep"/>): call it inside the loop to use the rows after the enumerator moves on.</summary>
    /// <returns>A view over the kept copy; never expires.</returns>
    /// <exception cref="ObjectDisposedException">This batch's lifetime has already ended.</exception>
    public BookChangeBatch Keep() => new(Batch.Keep());

    /// <summary>Tardis <c>is_snapshot</c>: 1 when the row belongs to a snapshot, 0 for an update.</summary>
    public ReadOnlyMemory<byte> IsSnapshot => Batch.GetCodes("is_snapshot");

    /// <summary>Tardis <c>side</c>.</summary>
    public ReadOnlyMemory<BookSide> Sides => Batch.GetEnums<BookSide>("side");

    /// <summary>Tardis <c>price</c> of the level, quote currency.</summary>
    public ReadOnlyMemory<double> Prices => Batch.GetDoubles("price");

    /// <summary>Tardis <c>amount</c>: the level's new absolute size; 0 removes the level.</summary>
    public ReadOnlyMemory<double> Amounts => Batch.GetDoubles("amount");

    /// <summary>The level's amount in base currency per row for <paramref name="instrument"/> (0 stays 0: a removed level; no copy when the venue counts base currency; each row at the contract value in force at its <c>timestamp</c>).</summary>
    /// <param name="instrument">The instrument of these rows.</param>
    /// <returns>One value per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> is null.</exception>
    public ReadOnlyMemory<double> GetBaseAmounts(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.BaseAmounts(Amounts, Prices, Batch.Timestamps);
    }

    /// <summary>The row at <paramref name="index"/> as a <see cref="BookChange"/>.</summary>
    /// <param name="index">0 ≤ index &lt; count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public BookChange this[int index]
    {
        get
        {
            Batch.CheckIndex(index);
            return new BookChange(Batch.Exchange, Batch.GetSymbol(index), Batch.Timestamps.Span[index], Batch.LocalTimestamps.Span[index], IsSnapshot.Span[index] != 0, Sides.Span[index], Prices.Span[index], Amounts.Span[index]);
        }
    }
}
