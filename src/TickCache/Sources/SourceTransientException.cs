namespace TickCache.Sources;

/// <summary>
/// Thrown by <see cref="ITickSource.FetchAsync"/> when one attempt failed in a way worth retrying (HTTP 429 or 5xx,
/// or the source's equivalent); carries the server's <c>Retry-After</c> when it sent one. The fetch pipeline retries
/// it; a caller never sees it (retries used up become <see cref="UpstreamUnavailableException"/>).
/// </summary>
internal sealed class SourceTransientException(int statusCode, TimeSpan? retryAfter, string chunk)
    : Exception($"The source answered HTTP {statusCode} for {chunk}.")
{
    /// <summary>The status code (429 for rate limiting).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>How long the server asked to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
