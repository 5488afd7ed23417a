namespace TickCache;

/// <summary>
/// The source kept failing transiently (HTTP 429, 5xx, timeouts, dropped connections, truncated or corrupt bodies)
/// until <see cref="TickCacheOptions.MaxRetries"/> was used up. The inner exception is the last attempt's error.
/// Nothing of the failed chunk was cached; asking again starts afresh.
/// </summary>
public sealed class UpstreamUnavailableException : TickCacheException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, how often, and what to do.</param>
    /// <param name="chunk">The chunk description.</param>
    /// <param name="attempts">How many attempts were made, ≥ 1.</param>
    /// <param name="innerException">The last attempt's error.</param>
    public UpstreamUnavailableException(string message, string chunk, int attempts, Exception? innerException)
        : base(message, chunk, innerException)
    {
        Attempts = attempts;
    }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}
