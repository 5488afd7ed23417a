using System.Net;

namespace TickCache;

/// <summary>
/// The source refused a request permanently (HTTP 400, 401, 403 or 404): retrying cannot help, so it is not retried.
/// The message says what to do (check the API key and its entitlements, the symbol, the data type or the date).
/// </summary>
public sealed class UpstreamRequestException : TickCacheException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="chunk">The chunk description.</param>
    /// <param name="statusCode">The HTTP status the source answered.</param>
    public UpstreamRequestException(string message, string chunk, HttpStatusCode statusCode)
        : base(message, chunk)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the source answered.</summary>
    public HttpStatusCode StatusCode { get; }
}
