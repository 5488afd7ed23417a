using System.Globalization;

namespace TickCache;

/// <summary>
/// A <see cref="TickBatch"/> of <c>trades</c> (or <c>liquidations</c>, same columns) with the Tardis columns as typed
/// read-only memory: <c>timestamp</c>, <c>local_timestamp</c> (µs, UTC), <c>id</c>, <c>side</c>, <c>price</c> (quote
/// currency), <c>amount</c> (base currency or contracts). No copy; immutable and thread-safe.
/// </summary>
public sealed class TradeBatch
{
    internal TradeBatch(TickBatch batch)
    {
        Batch = batch;
    }

    /// <summary>The untyped batch behind this view.</summary>
    public TickBatch Batch { get; }

    /// <summary>This batch's rows copied into memory of their own (<see cref="TickBatch.Keep"/>): call it inside the loop to use the rows after the enumerator moves on.</summary>
    /// <returns>A view over the kept copy; never expires.</returns>
    /// <exception cref="ObjectDisposedException">This batch's lifetime has already ended.</exception>
    public TradeBatch Keep() => new(Batch.Keep());

    /// <summary>Tardis exchange id of every row.</summary>
    public string Exchange => Batch.Exchange;

    /// <summary>The symbol of the first row (of every row when <see cref="TickBatch.HasSingleSymbol"/>); empty for an empty batch.</summary>
    public string Symbol => Count > 0 ? Batch.GetSymbol(0) : string.Empty;

    /// <summary>Start (UTC midnight) of the chunk the rows come from.</summary>
    public DateTime ChunkStartUtc => Batch.ChunkStartUtc;

    /// <summary>Number of rows, ≥ 0.</summary>
    public int Count => Batch.Count;

    /// <summary>Exchange time per row, µs since the Unix epoch, UTC (Tardis <c>timestamp</c>).</summary>
    public ReadOnlyMemory<long> Timestamps => Batch.Timestamps;

    /// <summary>Arrival time per row at the recorder, µs since the Unix epoch, UTC (Tardis <c>local_timestamp</c>).</summary>
    public ReadOnlyMemory<long> LocalTimestamps => Batch.LocalTimestamps;

    /// <summary>
    /// The base-currency amount per row for <paramref name="instrument"/> (<see cref="Instrument.BaseAmount"/>): the
    /// <see cref="Amounts"/> themselves (no copy) when the venue counts base currency, else a new array (contracts ×
    /// contract value / price, or amount / price), each row at the contract value in force at its <c>timestamp</c>
    /// (<see cref="Instrument.Changes"/>); all NaN when the unit is not established.
    /// </summary>
    /// <param name="instrument">The instrument of these rows (<see cref="TickCacheClient.GetInstrument"/>).</param>
    /// <returns>One value per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> is null.</exception>
    public ReadOnlyMemory<double> GetBaseAmounts(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.BaseAmounts(Amounts, Prices, Timestamps);
    }

    /// <summary>The quote-currency notional per row: base amount × price (for COIN-M, the contracts' USD value).</summary>
    /// <param name="instrument">The instrument of these rows.</param>
    /// <returns>One value per row (a new array).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> is null.</exception>
    public ReadOnlyMemory<double> GetQuoteNotionals(Instrument instrument)
    {
        var bases = GetBaseAmounts(instrument).Span;
        var prices = Prices.Span;
        var result = new double[Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = bases[i] * prices[i];
        }

        return result;
    }

    /// <summary>Taker side per row (Tardis <c>side</c>; for liquidations <c>buy</c> = a short was liquidated).</summary>
    public ReadOnlyMemory<TradeSide> Sides => Batch.GetEnums<TradeSide>("side");

    /// <summary>Price per row in quote currency (Tardis <c>price</c>).</summary>
    public ReadOnlyMemory<double> Prices => Batch.GetDoubles("price");

    /// <summary>Quantity per row in base currency or contracts (Tardis <c>amount</c>).</summary>
    public ReadOnlyMemory<double> Amounts => Batch.GetDoubles("amount");

    /// <summary>True when every id of the chunk is a non-negative integer without leading zeros (ids in <see cref="NumericIds"/>), else ids are in <see cref="StringIds"/>.</summary>
    public bool HasNumericIds => Columns.NumericIds is not null;

    /// <summary>Ids as int64 (Tardis <c>id</c>) when <see cref="HasNumericIds"/>; empty otherwise.</summary>
    public ReadOnlyMemory<long> NumericIds => Columns.NumericIds is { } ids ? Batch.Slice(ids, Batch.NumericIdsView) : ReadOnlyMemory<long>.Empty;

    /// <summary>Ids exactly as written by the source (empty string for an empty cell) when not <see cref="HasNumericIds"/>; empty otherwise.</summary>
    public ReadOnlyMemory<string> StringIds => Columns.StringIds is { } ids ? Batch.Slice(ids, Batch.StringIdsView) : ReadOnlyMemory<string>.Empty;

    private Formats.ChunkColumns Columns => Batch.Columns;

    /// <summary>The row at <paramref name="index"/> as a <see cref="Trade"/> (allocates the id string for numeric ids).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public Trade this[int index]
    {
        get
        {
            Batch.CheckIndex(index);
            var i = Batch.Offset + index;
            var id = Columns.NumericIds is { } numeric ? numeric[i].ToString(CultureInfo.InvariantCulture) : Columns.StringIds![i];
            return new Trade(Exchange, Columns.SymbolAt(i), Columns.Timestamps[i], Columns.LocalTimestamps[i], id, Sides.Span[index], Prices.Span[index], Amounts.Span[index]);
        }
    }
}
