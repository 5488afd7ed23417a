namespace TickCache;

/// <summary>
/// A <see cref="TickBatch"/> of <c>quotes</c> or <c>book_ticker</c>: best bid and ask per row. Prices in quote currency,
/// amounts in base currency or contracts; NaN = missing. No copy; immutable and thread-safe.
/// </summary>
public sealed class QuoteBatch
{
    internal QuoteBatch(TickBatch batch)
    {
        Batch = batch;
    }

    /// <summary>The untyped batch behind this view (timestamps, symbols, count).</summary>
    public TickBatch Batch { get; }

    /// <summary>This batch's rows copied into memory of their own (<see cref="TickBatch.Keep"/>): call it inside the loop to use the rows after the enumerator moves on.</summary>
    /// <returns>A view over the kept copy; never expires.</returns>
    /// <exception cref="ObjectDisposedException">This batch's lifetime has already ended.</exception>
    public QuoteBatch Keep() => new(Batch.Keep());

    /// <summary>Tardis <c>ask_amount</c>.</summary>
    public ReadOnlyMemory<double> AskAmounts => Batch.GetDoubles("ask_amount");

    /// <summary>Tardis <c>ask_price</c>.</summary>
    public ReadOnlyMemory<double> AskPrices => Batch.GetDoubles("ask_price");

    /// <summary>Tardis <c>bid_price</c>.</summary>
    public ReadOnlyMemory<double> BidPrices => Batch.GetDoubles("bid_price");

    /// <summary>Tardis <c>bid_amount</c>.</summary>
    public ReadOnlyMemory<double> BidAmounts => Batch.GetDoubles("bid_amount");

    /// <summary>The best bid's amount in base currency per row for <paramref name="instrument"/> (no copy when the venue counts base currency; each row at the contract value in force at its <c>timestamp</c>; NaN when the unit is not established).</summary>
    /// <param name="instrument">The instrument of these rows (<see cref="TickCacheClient.GetInstrument"/>).</param>
    /// <returns>One value per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> is null.</exception>
    public ReadOnlyMemory<double> GetBidBaseAmounts(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.BaseAmounts(BidAmounts, BidPrices, Batch.Timestamps);
    }

    /// <summary>The best ask's amount in base currency per row for <paramref name="instrument"/> (as <see cref="GetBidBaseAmounts"/>).</summary>
    /// <param name="instrument">The instrument of these rows.</param>
    /// <returns>One value per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> is null.</exception>
    public ReadOnlyMemory<double> GetAskBaseAmounts(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.BaseAmounts(AskAmounts, AskPrices, Batch.Timestamps);
    }

    /// <summary>The row at <paramref name="index"/> as a <see cref="Quote"/>.</summary>
    /// <param name="index">0 ≤ index &lt; count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public Quote this[int index]
    {
        get
        {
            Batch.CheckIndex(index);
            return new Quote(Batch.Exchange, Batch.GetSymbol(index), Batch.Timestamps.Span[index], Batch.LocalTimestamps.Span[index], AskAmounts.Span[index], AskPrices.Span[index], BidPrices.Span[index], BidAmounts.Span[index]);
        }
    }
}
