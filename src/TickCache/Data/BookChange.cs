namespace TickCache;

/// <summary>One row of <c>incremental_book_L2</c>: a price level's new absolute size (0 removes it).</summary>
/// <param name="Exchange">Tardis exchange id (column <c>exchange</c>), e.g. <c>binance-futures</c>.</param>
/// <param name="Symbol">Dataset symbol (column <c>symbol</c>).</param>
/// <param name="Timestamp">Exchange time, µs since the Unix epoch, UTC.</param>
/// <param name="LocalTimestamp">Arrival time, µs since the Unix epoch, UTC; rows of one message share it.</param>
/// <param name="IsSnapshot">Tardis <c>is_snapshot</c>.</param>
/// <param name="Side">Tardis <c>side</c>.</param>
/// <param name="Price">Level price, quote currency.</param>
/// <param name="Amount">New absolute size, base currency or contracts; 0 removes the level.</param>
public readonly record struct BookChange(string Exchange, string Symbol, long Timestamp, long LocalTimestamp, bool IsSnapshot, BookSide Side, double Price, double Amount)
{
    /// <summary><c>Timestamp</c> (exchange time) as a UTC <see cref="DateTime"/> (µs precision).</summary>
    public DateTime TimestampUtc => Planning.UnixMicros.ToDateTime(Timestamp);
}
