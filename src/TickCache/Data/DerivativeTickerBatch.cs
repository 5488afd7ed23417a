namespace TickCache;

/// <summary>
/// A <see cref="TickBatch"/> of <c>derivative_ticker</c>: funding, open interest, last, index and mark prices per row.
/// Missing values (the exchange did not provide them) are NaN, and <see cref="TickBatch.MissingInt64"/> for
/// <see cref="FundingTimestamps"/> — never 0. No copy; immutable and thread-safe.
/// </summary>
public sealed class DerivativeTickerBatch
{
    internal DerivativeTickerBatch(TickBatch batch)
    {
        Batch = batch;
    }

    /// <summary>The untyped batch behind this view (timestamps, symbols, count).</summary>
    public TickBatch Batch { get; }

    /// <summary>This batch's rows copied into memory of their own (<see cref="TickBatch.Keep"/>): call it inside the loop to use the rows after the enumerator moves on.</summary>
    /// <returns>A view over the kept copy; never expires.</returns>
    /// <exception cref="ObjectDisposedException">This batch's lifetime has already ended.</exception>
    public DerivativeTickerBatch Keep() => new(Batch.Keep());

    /// <summary>Tardis <c>funding_timestamp</c>: the next funding time, µs since the Unix epoch, UTC.</summary>
    public ReadOnlyMemory<long> FundingTimestamps => Batch.GetInt64s("funding_timestamp");

    /// <summary>Tardis <c>funding_rate</c>: the current funding rate (fraction per funding period, e.g. 0.0001 = 0.01 %).</summary>
    public ReadOnlyMemory<double> FundingRates => Batch.GetDoubles("funding_rate");

    /// <summary>Tardis <c>predicted_funding_rate</c>.</summary>
    public ReadOnlyMemory<double> PredictedFundingRates => Batch.GetDoubles("predicted_funding_rate");

    /// <summary>Tardis <c>open_interest</c> (contracts or base currency, as the exchange reports it).</summary>
    public ReadOnlyMemory<double> OpenInterest => Batch.GetDoubles("open_interest");

    /// <summary>Tardis <c>last_price</c>.</summary>
    public ReadOnlyMemory<double> LastPrices => Batch.GetDoubles("last_price");

    /// <summary>Tardis <c>index_price</c>.</summary>
    public ReadOnlyMemory<double> IndexPrices => Batch.GetDoubles("index_price");

    /// <summary>Tardis <c>mark_price</c>.</summary>
    public ReadOnlyMemory<double> MarkPrices => Batch.GetDoubles("mark_price");

    /// <summary>The row at <paramref name="index"/> as a <see cref="DerivativeTicker"/>.</summary>
    /// <param name="index">0 ≤ index &lt; count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public DerivativeTicker this[int index]
    {
        get
        {
            Batch.CheckIndex(index);
            return new DerivativeTicker(
                Batch.Exchange, Batch.GetSymbol(index), Batch.Timestamps.Span[index], Batch.LocalTimestamps.Span[index], FundingTimestamps.Span[index], FundingRates.Span[index],
                PredictedFundingRates.Span[index], OpenInterest.Span[index], LastPrices.Span[index], IndexPrices.Span[index], MarkPrices.Span[index]);
        }
    }
}
