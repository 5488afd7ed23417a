using System.Globalization;
using TickCache.Formats;

namespace TickCache;

/// <summary>
/// A run of consecutive trades of one chunk (one symbol, one UTC day) as read-only columns, in the source's row order
/// (Tardis files are ordered by <c>local_timestamp</c>). Every column has <see cref="Count"/> entries.
/// </summary>
/// <remarks>
/// The columns are shared, not copied: the same memory may be handed to other readers of the same chunk through the
/// L1 memory tier, so they are exposed as <see cref="ReadOnlyMemory{T}"/>. Immutable and thread-safe.
/// Values are exactly what the source served: timestamps as int64 µs, prices and amounts as the doubles the decimal
/// strings parse to (an empty cell is <see cref="double.NaN"/>).
/// </remarks>
public sealed class TradeBatch
{
    private readonly TradeColumns _columns;
    private readonly int _offset;

    internal TradeBatch(string exchange, string symbol, DateTime chunkStartUtc, TradeColumns columns, int offset, int count)
    {
        Exchange = exchange;
        Symbol = symbol;
        ChunkStartUtc = chunkStartUtc;
        _columns = columns;
        _offset = offset;
        Count = count;
    }

    /// <summary>Tardis exchange id of every row.</summary>
    public string Exchange { get; }

    /// <summary>Dataset symbol id of every row.</summary>
    public string Symbol { get; }

    /// <summary>Start (UTC midnight) of the chunk the rows come from.</summary>
    public DateTime ChunkStartUtc { get; }

    /// <summary>Number of rows, ≥ 0.</summary>
    public int Count { get; }

    /// <summary>Exchange time per row, µs since the Unix epoch, UTC (Tardis <c>timestamp</c>).</summary>
    public ReadOnlyMemory<long> Timestamps => new(_columns.Timestamps, _offset, Count);

    /// <summary>Arrival time per row at the recorder, µs since the Unix epoch, UTC (Tardis <c>local_timestamp</c>).</summary>
    public ReadOnlyMemory<long> LocalTimestamps => new(_columns.LocalTimestamps, _offset, Count);

    /// <summary>Taker side per row (Tardis <c>side</c>).</summary>
    public ReadOnlyMemory<TradeSide> Sides => new(_columns.Sides, _offset, Count);

    /// <summary>Price per row in quote currency (Tardis <c>price</c>).</summary>
    public ReadOnlyMemory<double> Prices => new(_columns.Prices, _offset, Count);

    /// <summary>Quantity per row in base currency or contracts (Tardis <c>amount</c>).</summary>
    public ReadOnlyMemory<double> Amounts => new(_columns.Amounts, _offset, Count);

    /// <summary>
    /// <see langword="true"/> when every id of the chunk is a non-negative integer without leading zeros, so ids are in
    /// <see cref="NumericIds"/>; otherwise they are in <see cref="StringIds"/>.
    /// </summary>
    public bool HasNumericIds => _columns.NumericIds is not null;

    /// <summary>Ids as int64 (Tardis <c>id</c>) when <see cref="HasNumericIds"/>; empty otherwise.</summary>
    public ReadOnlyMemory<long> NumericIds => _columns.NumericIds is { } ids ? new(ids, _offset, Count) : ReadOnlyMemory<long>.Empty;

    /// <summary>Ids exactly as written by the source (empty string for an empty cell) when not <see cref="HasNumericIds"/>; empty otherwise.</summary>
    public ReadOnlyMemory<string> StringIds => _columns.StringIds is { } ids ? new(ids, _offset, Count) : ReadOnlyMemory<string>.Empty;

    /// <summary>The row at <paramref name="index"/> as a <see cref="Trade"/> (allocates the id string for numeric ids).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public Trade this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var i = _offset + index;
            var id = _columns.NumericIds is { } numeric ? numeric[i].ToString(CultureInfo.InvariantCulture) : _columns.StringIds![i];
            return new Trade(Exchange, Symbol, _columns.Timestamps[i], _columns.LocalTimestamps[i], id, _columns.Sides[i], _columns.Prices[i], _columns.Amounts[i]);
        }
    }
}
