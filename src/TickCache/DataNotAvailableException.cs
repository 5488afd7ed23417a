namespace TickCache;

/// <summary>
/// The source does not have what a query asks for: an exchange, symbol or data type it does not list, or a range
/// with no day the source publishes (all before its first day or after its last). Raised before the first batch of
/// the query; nothing was downloaded or cached. Days the source does not publish inside an otherwise available range
/// are not errors: they are gaps (<see cref="TickCacheStatistics.UnavailableChunks"/>,
/// <see cref="TickCacheClient.GetKnownGapsAsync"/>) and the rest of the range streams.
/// </summary>
public sealed class DataNotAvailableException : TickCacheException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is not available and what is available instead.</param>
    /// <param name="chunk">The chunk or query description.</param>
    public DataNotAvailableException(string message, string? chunk = null)
        : base(message, chunk)
    {
    }
}
