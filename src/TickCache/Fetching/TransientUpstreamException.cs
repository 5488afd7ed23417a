namespace TickCache.Fetching;

/// <summary>An attempt failed in a way worth retrying (HTTP 429 or 5xx); carries the server's <c>Retry-After</c> when it sent one.</summary>
internal sealed class TransientUpstreamException(int statusCode, TimeSpan? retryAfter, string chunk)
    : Exception($"The source answered HTTP {statusCode} for {chunk}.")
{
    public int StatusCode { get; } = statusCode;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
