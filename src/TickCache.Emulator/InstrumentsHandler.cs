using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace TickCache.Emulator;

/// <summary>
/// Serves <c>/v1/instruments/{exchange}</c> (with the API's <c>filter</c> query: <c>baseCurrency</c>, <c>quoteCurrency</c>,
/// <c>type</c>, <c>active</c>) and <c>/v1/instruments/{exchange}/{id}</c> in the shape of the Tardis instruments API, from
/// <c>{exchange}.json</c> files (each a JSON array of definitions) in <see cref="EmulatorOptions.InstrumentsDirectory"/>.
/// Like the API, it needs <c>Authorization: Bearer</c> (the configured <see cref="EmulatorOptions.ApiKey"/> when set, any
/// key otherwise): 401 with a <c>{code, message}</c> body without one; 400 for an exchange it has no file for.
/// </summary>
internal sealed partial class InstrumentsHandler(TardisEmulator emulator, string? directory)
{
    public async Task HandleListAsync(HttpContext context, string exchange)
    {
        if (await ListingAsync(context, exchange) is not { } listing)
        {
            return;
        }

        var filter = context.Request.Query["filter"].ToString();
        var wanted = filter.Length == 0 ? null : JsonNode.Parse(filter)?.AsObject();
        var matching = new JsonArray([.. listing.Where(i => Matches(i!.AsObject(), wanted)).Select(i => i!.DeepClone())]);
        await WriteAsync(context, 200, matching);
    }

    public async Task HandleOneAsync(HttpContext context, string exchange, string id)
    {
        if (await ListingAsync(context, exchange) is not { } listing)
        {
            return;
        }

        var one = listing.FirstOrDefault(i => string.Equals((string?)i!["id"], id, StringComparison.OrdinalIgnoreCase));
        await WriteAsync(context, one is null ? 404 : 200, one?.DeepClone() ?? Error(404, $"Unknown instrument '{id}' for exchange '{exchange}'."));
    }

    /// <summary>The exchange's definitions, or null after answering 401/400 (no key, unknown exchange).</summary>
    private async Task<JsonArray?> ListingAsync(HttpContext context, string exchange)
    {
        emulator.CountInstruments();
        var header = context.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : string.Empty;
        if (key.Length == 0 || (emulator.Options.ApiKey is { } expected && !string.Equals(key, expected, StringComparison.Ordinal)))
        {
            await WriteAsync(context, 401, Error(401, "Invalid API key: the instruments API needs 'Authorization: Bearer <API_KEY>'."));
            return null;
        }

        var path = directory is null || !ExchangeId().IsMatch(exchange) ? null : Path.Combine(directory, exchange + ".json");
        if (path is null || !File.Exists(path))
        {
            await WriteAsync(context, 400, Error(400, $"Invalid 'exchange' param: '{exchange}' is not a supported exchange."));
            return null;
        }

        return JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsArray();
    }

    private static bool Matches(JsonObject instrument, JsonObject? filter) =>
        filter is null || filter.All(f => f.Value is null || JsonNode.DeepEquals(instrument[f.Key], f.Value));

    private static JsonObject Error(int code, string message) => new() { ["code"] = code, ["message"] = message };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex ExchangeId();
}
