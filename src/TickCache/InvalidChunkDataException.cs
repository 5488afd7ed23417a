namespace TickCache;

/// <summary>
/// A downloaded file failed validation: not gzip, truncated (gzip trailer missing or not matching), wrong CSV header,
/// wrong column count, or an unparsable value. Nothing of it was cached. Raised to the caller only once the retries are
/// used up (as the inner exception of <see cref="UpstreamUnavailableException"/>).
/// </summary>
public sealed class InvalidChunkDataException : TickCacheException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, where.</param>
    /// <param name="chunk">The chunk description.</param>
    /// <param name="line">1-based CSV line (the header is line 1), or 0 when not about a line.</param>
    /// <param name="column">The CSV column name, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public InvalidChunkDataException(string message, string chunk, long line = 0, string? column = null, Exception? innerException = null)
        : base(message, chunk, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based CSV line number (header = 1), or 0.</summary>
    public long Line { get; }

    /// <summary>CSV column name, or <see langword="null"/>.</summary>
    public string? Column { get; }
}
