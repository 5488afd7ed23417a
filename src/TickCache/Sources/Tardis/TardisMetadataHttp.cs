using System.Net;
using System.Net.Http.Headers;
using TickCache.Telemetry;

namespace TickCache.Sources.Tardis;

/// <summary>
/// One GET of a Tardis metadata API document (<c>{MetadataEndpoint}/{path}</c>), its body buffered (documents are small);
/// the response is counted as an upstream response, the key (when given) sent as <c>Authorization: Bearer</c> and never
/// logged. One attempt, bounded by the attempt timeout on the client's clock. Thread-safe.
/// </summary>
internal sealed class TardisMetadataHttp(HttpClient http, Uri metadataEndpoint, TimeSpan attemptTimeout, CacheCounters counters, TimeProvider time)
{
    /// <summary>The largest document read (the biggest real listings, Deribit's instruments with every expired option, are tens of MB).</summary>
    public const int MaxDocumentBytes = 256 << 20;

    private readonly string _base = metadataEndpoint.AbsoluteUri.TrimEnd('/');

    /// <summary>The address of <paramref name="path"/> (for messages; it never holds a key).</summary>
    public Uri UrlOf(string path) => new($"{_base}/{path}");

    /// <summary>The status and body of <c>GET {metadata}/{path}</c>; throws <see cref="HttpRequestException"/>, <see cref="IOException"/> when no complete response came in time; <see cref="OperationCanceledException"/> only for <paramref name="cancellationToken"/>.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)> GetAsync(string path, string? bearer, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(attemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, UrlOf(path));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var started = time.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            counters.UpstreamResponse(TickSources.TardisDatasets, (int)response.StatusCode, time.GetElapsedTime(started));
            if (response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                throw new HttpRequestException($"{UrlOf(path)} announces {response.Content.Headers.ContentLength} bytes, more than a metadata document may hold ({MaxDocumentBytes})");
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var body = new MemoryStream();
                var chunk = new byte[81_920];
                int read;
                while ((read = await stream.ReadAsync(chunk, linked.Token).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > MaxDocumentBytes)
                    {
                        throw new HttpRequestException($"{UrlOf(path)} sent more than a metadata document may hold ({MaxDocumentBytes} bytes)");
                    }

                    body.Write(chunk, 0, read);
                }

                return (response.StatusCode, body.ToArray());
            }
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"no complete response from {UrlOf(path)} within {attemptTimeout} (TickCacheOptions.AttemptTimeout)", e);
        }
    }
}
