using System.Net;
using TickCache.Planning;

namespace TickCache.Fetching;

/// <summary>The messages of source failures, in one place: what failed, for which chunk, why, and what to do. Never the API key.</summary>
internal static class FetchErrors
{
    public static UpstreamRequestException Permanent(ChunkKey key, HttpStatusCode status, bool keySent)
    {
        var chunk = key.ToString();
        var code = (int)status;
        var what = status switch
        {
            HttpStatusCode.Unauthorized when !keySent =>
                $"no API key was sent, and only the first day of a month is free. Set TickCacheOptions.ApiKey or the {TickCacheOptions.ApiKeyEnvironmentVariable} environment variable to a key entitled to {key.Exchange}",
            HttpStatusCode.Unauthorized =>
                $"the API key (from TickCacheOptions.ApiKey or the {TickCacheOptions.ApiKeyEnvironmentVariable} environment variable) was rejected or is not entitled to {key.Exchange} on {key.StartUtc:yyyy-MM-dd}. Check the key and its plan's exchanges and date range",
            HttpStatusCode.Forbidden =>
                $"access is forbidden for this key, exchange or date. Check the key's plan covers {key.Exchange} {key.DataType} on {key.StartUtc:yyyy-MM-dd}",
            HttpStatusCode.NotFound =>
                $"the source has no '{key.DataType}' dataset for symbol '{key.Symbol}' on '{key.Exchange}'. Check the exchange id, the symbol (Tardis dataset ids are upper-case, with '/' and ':' written as '-') and that the exchange offers this data type",
            _ => "the request was rejected as malformed. Check the exchange id, data type, symbol and date",
        };
        return new UpstreamRequestException($"The source answered HTTP {code} ({status}) for {chunk}: {what}. Not retried.", chunk, status);
    }

    public static UpstreamUnavailableException Exhausted(ChunkKey key, int attempts, Exception last) =>
        new(
            $"Could not get {key} from the source after {attempts} attempt(s); the last one failed with: {last.Message} Nothing was cached. Try again later, lower TickCacheOptions.RequestsPerSecond or MaxConcurrentRequests if the source is rate limiting, or raise MaxRetries.",
            key.ToString(),
            attempts,
            last);
}
