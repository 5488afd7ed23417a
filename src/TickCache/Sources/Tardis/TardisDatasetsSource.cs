using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TickCache.Fetching;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Sources.Tardis;

/// <summary>
/// One attempt against the Tardis datasets API: <c>GET {endpoint}/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c>
/// with <c>Authorization: Bearer</c> except on the first day of a month (free), decoded and validated while streaming.
/// 400/401/403/404 throw <see cref="UpstreamRequestException"/>; 429 and other statuses throw
/// <see cref="TransientUpstreamException"/> for the pipeline to retry. Also reads <c>datasets.exportedUntil</c> from
/// <c>{metadata}/exchanges/{exchange}</c>. Thread-safe.
/// </summary>
internal sealed class TardisDatasetsSource(HttpClient http, Uri datasetsEndpoint, Uri metadataEndpoint, string? apiKey, CacheCounters counters, TimeProvider time, ILogger logger)
{
    private readonly string _datasets = datasetsEndpoint.AbsoluteUri.TrimEnd('/');
    private readonly string _metadata = metadataEndpoint.AbsoluteUri.TrimEnd('/');

    public Uri UrlOf(ChunkKey key) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"{_datasets}/{key.Exchange}/{key.DataType}/{key.StartUtc:yyyy}/{key.StartUtc:MM}/{key.StartUtc:dd}/{Uri.EscapeDataString(key.Symbol)}.csv.gz"));

    public async Task<ChunkColumns> FetchAttemptAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var url = UrlOf(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var keySent = apiKey is not null && key.StartUtc.Day != 1;
        if (keySent)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        Log.Fetching(logger, key.ToString(), url.AbsoluteUri);
        using var span = Spans.Fetch(key.ToString(), url);
        var started = time.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        counters.UpstreamResponse(status, time.GetElapsedTime(started));
        span?.SetTag("http.response.status_code", status);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            throw FetchErrors.Permanent(key, response.StatusCode, keySent);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new TransientUpstreamException(status, RetryAfter(response), key.ToString());
        }

        var expected = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var (columns, bytes) = await CsvChunkDecoder.DecodeAsync(body, key, expected ?? 0, cancellationToken).ConfigureAwait(false);
            counters.UpstreamBytes(bytes);
            span?.SetTag("tickcache.bytes", bytes).SetTag("tickcache.rows", columns.Count);
            if (expected is { } length && length != bytes)
            {
                throw new InvalidChunkDataException($"The body of {key} is {bytes} bytes but Content-Length said {length}: truncated. Nothing was cached; retrying.", key.ToString());
            }

            return columns;
        }
    }

    /// <summary>Reads <c>{metadata}/exchanges/{exchange}</c>; null when the exchange is unknown (404). Throws on other HTTP or JSON failures.</summary>
    public async Task<ExchangeMetadata?> GetMetadataAsync(string exchange, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var response = await http.GetAsync(new Uri($"{_metadata}/exchanges/{exchange}"), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        counters.UpstreamResponse((int)response.StatusCode, time.GetElapsedTime(started));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ExchangeMetadata.Parse(exchange, json.RootElement);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
