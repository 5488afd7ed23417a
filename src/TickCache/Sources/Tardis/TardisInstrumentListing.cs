using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TickCache.Telemetry;

namespace TickCache.Sources.Tardis;

/// <summary>
/// An exchange's instrument definitions from <c>GET {metadata}/instruments/{exchange}</c> (needs the key), kept as a
/// metadata document in the cache (memory, and the cache folder when the client has a disk tier) and read again once it
/// is older than the refresh interval. When a refresh fails (no key, no response, 429/5xx, a damaged body) the stored
/// copy serves, logged, and the next attempt waits <see cref="RetryAfterFailure"/>; without a stored copy the failure
/// is thrown. A document is parsed before it is stored, so a damaged body never replaces a good copy. One request at a
/// time per client. Thread-safe.
/// </summary>
internal sealed class TardisInstrumentListing(TardisMetadataHttp http, string? apiKey, MetadataDocuments documents, TimeSpan refreshInterval, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>How long a client serves its stored copy after a failed refresh before it asks again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, (StoredDocument Document, IReadOnlyList<Instrument> Instruments)> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);

    /// <summary>The definitions of <paramref name="exchange"/>; empty when the API does not know the exchange (404).</summary>
    /// <exception cref="UpstreamRequestException">No key and nothing stored, or the API refused the request.</exception>
    /// <exception cref="UpstreamUnavailableException">The API could not be read and nothing is stored.</exception>
    public async Task<IReadOnlyList<Instrument>> GetAsync(string exchange, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var name = $"instruments/{exchange}.json";
            var stored = await documents.ReadAsync(TardisDatasetsSource.SourceId, name, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (stored is not null && (now - stored.ReadAt < refreshInterval || (_failedAt.TryGetValue(exchange, out var failed) && now - failed < RetryAfterFailure)))
            {
                return ParsedOf(exchange, stored);
            }

            var path = $"instruments/{exchange}";
            if (apiKey is null)
            {
                return stored is not null ? Stale(exchange, stored, "no API key is set") : throw TardisErrors.InstrumentsNeedKey(exchange, http.UrlOf(path));
            }

            var (instruments, body, failure) = await DownloadAsync(exchange, path, cancellationToken).ConfigureAwait(false);
            if (instruments is null)
            {
                return stored is not null ? Stale(exchange, stored, failure!.Message) : throw failure!;
            }

            if (body is not null)
            {
                var document = await documents.WriteAsync(TardisDatasetsSource.SourceId, name, body, now, cancellationToken).ConfigureAwait(false);
                _parsed[exchange] = (document, instruments);
            }

            return instruments;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>One request: the parsed definitions and the body to store (null for a 404: nothing to store), or the failure to throw when nothing is stored.</summary>
    private async Task<(IReadOnlyList<Instrument>? Instruments, byte[]? Body, TickCacheException? Failure)> DownloadAsync(string exchange, string path, CancellationToken cancellationToken)
    {
        var url = http.UrlOf(path);
        try
        {
            var (status, body) = await http.GetAsync(path, apiKey, cancellationToken).ConfigureAwait(false);
            switch (status)
            {
                case HttpStatusCode.NotFound:
                    return ([], null, null);
                case HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    throw TardisErrors.InstrumentsRefused(exchange, url, status, ApiMessage(body));
                case var s when (int)s is < 200 or > 299:
                    return Failed(exchange, TardisErrors.InstrumentsUnavailable(exchange, url, $"HTTP {(int)s}", null));
            }

            using var json = JsonDocument.Parse(body);
            return (TardisInstruments.Parse(exchange, json.RootElement), body, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or InvalidOperationException)
        {
            return Failed(exchange, TardisErrors.InstrumentsUnavailable(exchange, url, e.Message, e));
        }
    }

    private (IReadOnlyList<Instrument>? Instruments, byte[]? Body, TickCacheException? Failure) Failed(string exchange, TickCacheException failure)
    {
        _failedAt[exchange] = time.GetUtcNow();
        return (null, null, failure);
    }

    private IReadOnlyList<Instrument> Stale(string exchange, StoredDocument stored, string reason)
    {
        Log.StaleDocument(logger, $"instruments/{exchange}", reason, stored.ReadAt);
        return ParsedOf(exchange, stored);
    }

    /// <summary>The definitions of a stored document, parsed once per document (a stored document was parsed before it was stored).</summary>
    private IReadOnlyList<Instrument> ParsedOf(string exchange, StoredDocument stored)
    {
        if (_parsed.TryGetValue(exchange, out var held) && ReferenceEquals(held.Document, stored))
        {
            return held.Instruments;
        }

        using var json = JsonDocument.Parse(stored.Body);
        var instruments = TardisInstruments.Parse(exchange, json.RootElement);
        _parsed[exchange] = (stored, instruments);
        return instruments;
    }

    /// <summary>The <c>message</c> of a <c>{code, message}</c> error body, or null.</summary>
    private static string? ApiMessage(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var message = json.RootElement.ValueKind == JsonValueKind.Object ? TardisJson.Text(json.RootElement, "message") : string.Empty;
            return message.Length == 0 ? null : new string([.. message.Take(200).Select(c => char.IsControl(c) ? ' ' : c)]);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
