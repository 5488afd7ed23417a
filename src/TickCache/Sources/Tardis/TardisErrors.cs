using System.Net;
using TickCache.Planning;

namespace TickCache.Sources.Tardis;

/// <summary>
/// The Tardis-specific advice of a refused request (what the key entitles to, how dataset ids are spelled); the
/// message around it is built by the core's error factory. Never the API key.
/// </summary>
internal static class TardisErrors
{
    public static string RefusedHint(ChunkKey key, HttpStatusCode status, bool keySent) => status switch
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
}
