namespace TickCache;

/// <summary>One row of <c>book_snapshot_5</c> / <c>book_snapshot_25</c>: the top levels per side, index 0 the best (asks ascending, bids descending).</summary>
/// <param name="Exchange">Tardis exchange id (column <c>exchange</c>), e.g. <c>binance-futures</c>.</param>
/// <param name="Symbol">Dataset symbol (column <c>symbol</c>).</param>
/// <param name="Timestamp">Exchange time, µs since the Unix epoch, UTC.</param>
/// <param name="LocalTimestamp">Arrival time, µs since the Unix epoch, UTC.</param>
/// <param name="Asks">Ask levels, 5 or 25 (missing levels are NaN).</param>
/// <param name="Bids">Bid levels, 5 or 25 (missing levels are NaN).</param>
public sealed record BookSnapshot(string Exchange, string Symbol, long Timestamp, long LocalTimestamp, IReadOnlyList<BookLevel> Asks, IReadOnlyList<BookLevel> Bids)
{
    /// <summary><c>Timestamp</c> (exchange time) as a UTC <see cref="DateTime"/> (µs precision).</summary>
    public DateTime TimestampUtc => Planning.UnixMicros.ToDateTime(Timestamp);
}
