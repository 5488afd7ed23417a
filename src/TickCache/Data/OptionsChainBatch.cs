namespace TickCache;

/// <summary>
/// A <see cref="TickBatch"/> of <c>options_chain</c>: one option quote with greeks per row (usually a grouped
/// <c>OPTIONS</c> file: <see cref="TickBatch.GetSymbol"/> names each row's instrument). Other columns (bid/ask/mark
/// prices, amounts and IVs, open interest, greeks) by name through <see cref="TickBatch.GetDoubles"/>. No copy;
/// immutable and thread-safe.
/// </summary>
public sealed class OptionsChainBatch
{
    internal OptionsChainBatch(TickBatch batch)
    {
        Batch = batch;
    }

    /// <summary>The untyped batch behind this view (timestamps, symbols, count, every column by name).</summary>
    public TickBatch Batch { get; }

    /// <summary>This batch's rows copied into memory of their own (<see cref="TickBatch.Keep"/>): call it inside the loop to use the rows after the enumerator moves on.</summary>
    /// <returns>A view over the kept copy; never expires.</returns>
    /// <exception cref="ObjectDisposedException">This batch's lifetime has already ended.</exception>
    public OptionsChainBatch Keep() => new(Batch.Keep());

    /// <summary>Tardis <c>type</c>.</summary>
    public ReadOnlyMemory<OptionType> Types => Batch.GetEnums<OptionType>("type");

    /// <summary>Tardis <c>strike_price</c>.</summary>
    public ReadOnlyMemory<double> StrikePrices => Batch.GetDoubles("strike_price");

    /// <summary>Tardis <c>expiration</c>, µs since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> Expirations => Batch.GetInt64s("expiration");

    /// <summary>Tardis <c>underlying_index</c>.</summary>
    public ReadOnlyMemory<string> UnderlyingIndexes => Batch.GetTexts("underlying_index");

    /// <summary>Tardis <c>underlying_price</c>.</summary>
    public ReadOnlyMemory<double> UnderlyingPrices => Batch.GetDoubles("underlying_price");

    /// <summary>Tardis <c>mark_iv</c>.</summary>
    public ReadOnlyMemory<double> MarkImpliedVolatilities => Batch.GetDoubles("mark_iv");

    /// <summary>Tardis <c>delta</c>.</summary>
    public ReadOnlyMemory<double> Deltas => Batch.GetDoubles("delta");

    /// <summary>The row at <paramref name="index"/> as an <see cref="OptionQuote"/>.</summary>
    /// <param name="index">0 ≤ index &lt; count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public OptionQuote this[int index]
    {
        get
        {
            Batch.CheckIndex(index);
            double D(string column) => Batch.GetDoubles(column).Span[index];
            return new OptionQuote(
                Batch.Exchange, Batch.GetSymbol(index), Batch.Timestamps.Span[index], Batch.LocalTimestamps.Span[index], Types.Span[index], D("strike_price"), Expirations.Span[index],
                D("open_interest"), D("last_price"), D("bid_price"), D("bid_amount"), D("bid_iv"), D("ask_price"), D("ask_amount"), D("ask_iv"), D("mark_price"),
                D("mark_iv"), UnderlyingIndexes.Span[index], D("underlying_price"), D("delta"), D("gamma"), D("vega"), D("theta"), D("rho"));
        }
    }
}
