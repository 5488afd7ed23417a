namespace TickCache;

/// <summary>
/// A downloaded file failed validation: not gzip, truncated (gzip trailer missing or not matching), wrong CSV header,
/// wrong column count, an unparsable value, or a row whose partition timestamp lies outside the file's chunk (the
/// source served another day's file). Nothing of it was cached. A damaged transfer is retried and reaches the caller
/// only once the retries are used up (as the inner exception of <see cref="UpstreamUnavailableException"/>); a file
/// that is whole but holds rows of another chunk is not retried and reaches the caller directly.
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

    /// <summary>True when a new download cannot help (the file was complete but holds the wrong rows): not retried.</summary>
    internal bool Permanent { get; init; }
}
