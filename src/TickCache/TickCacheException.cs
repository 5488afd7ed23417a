namespace TickCache;

/// <summary>
/// Base of the errors TickCache reports when data cannot be delivered: the source failed permanently, exhausted its
/// retries, or served data that failed validation. Cache-tier problems never surface as exceptions (they are misses).
/// The message names the chunk, the cause and what to do; it never contains an API key.
/// </summary>
public class TickCacheException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, for which chunk, why and what to do.</param>
    /// <param name="chunk">The chunk description, e.g. <c>binance-futures trades BTCUSDT 2024-08-08</c>.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public TickCacheException(string message, string? chunk = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Chunk = chunk;
    }

    /// <summary>The chunk that failed (<c>exchange dataType symbol yyyy-MM-dd</c>), or <see langword="null"/>.</summary>
    public string? Chunk { get; }
}
