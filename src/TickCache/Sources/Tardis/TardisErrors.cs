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

    /// <summary>The instruments API needs a key and none is set (nothing stored to serve instead).</summary>
    public static UpstreamRequestException InstrumentsNeedKey(string exchange, Uri url) =>
        new($"The Tardis instruments API needs an API key ({url} requires Authorization: Bearer) and none is set, and no copy of the {exchange} definitions is stored in the cache. Set TickCacheOptions.ApiKey or the {TickCacheOptions.ApiKeyEnvironmentVariable} environment variable. Binance's three markets are also described without a key from documented facts: TickCacheClient.GetInstrument(exchange, symbol).", Chunk(exchange), HttpStatusCode.Unauthorized);

    /// <summary>The instruments API refused the request (400, 401, 403); <paramref name="detail"/> is the API's own <c>message</c>, if any.</summary>
    public static UpstreamRequestException InstrumentsRefused(string exchange, Uri url, HttpStatusCode status, string? detail) =>
        new($"The Tardis instruments API refused {url} with HTTP {(int)status}{(detail is { Length: > 0 } ? $" ({detail})" : string.Empty)}. " + status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"Check the API key (TickCacheOptions.ApiKey or {TickCacheOptions.ApiKeyEnvironmentVariable}) and that its plan covers {exchange}.",
            _ => $"Check the exchange id '{exchange}' (TickCacheClient.GetExchangesAsync lists them).",
        }, Chunk(exchange), status);

    /// <summary>The instruments API could not be read now and no stored copy exists.</summary>
    public static UpstreamUnavailableException InstrumentsUnavailable(string exchange, Uri url, string reason, Exception? inner) =>
        new($"The Tardis instruments API could not be read ({url}: {reason}) and no copy of the {exchange} definitions is stored in the cache. Try again later; once read, the definitions are kept in the cache folder and serve offline.", Chunk(exchange), 1, inner);

    private static string Chunk(string exchange) => $"instruments/{exchange}";
}
