using System.Net;
using System.Net.Http.Headers;
using TickCache.Tiers;
using TickCache.Validation;

namespace TickCache.Remote.Http;

/// <summary>
/// An <see cref="IRemoteStore"/> over plain HTTP: <c>GET</c>, <c>HEAD</c>, <c>PUT</c> and <c>DELETE {BaseAddress}/cache/{key}</c>.
/// Works with nginx WebDAV (PUT goes to a temp file and is renamed into place, so readers never see a partial object)
/// and with any server of that protocol. Put-if-absent is a <c>HEAD</c>, then a <c>PUT</c> with <c>If-None-Match: *</c>
/// (a 412 means "already there"); a server that ignores the condition overwrites, which is harmless for immutable,
/// verified objects. No leases (it is no <see cref="IRemoteLeaseStore"/>). No client timeout or retry of
/// its own: the L3 tier sets deadlines through the cancellation token. Thread-safe; dispose it after the clients using it.
/// </summary>
public sealed class HttpRemoteStore : IRemoteStore, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _cache;

    /// <summary>Creates the store; sends nothing yet.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>BaseAddress</c> is missing, not http(s), or plain http to a non-loopback
    /// host without <c>AllowInsecureHttp</c>; <c>KeyPrefix</c> holds other characters; or <c>BearerToken</c> is blank or
    /// holds line breaks (the token is never shown).</exception>
    public HttpRemoteStore(HttpRemoteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseAddress = RemoteStoreSettings.RequireEndpoint(options.BaseAddress, "HttpRemoteStoreOptions.BaseAddress", options.AllowInsecureHttp);
        if (options.BearerToken is { } token && (string.IsNullOrWhiteSpace(token) || token.AsSpan().IndexOfAny('\r', '\n') >= 0))
        {
            throw new ArgumentException("HttpRemoteStoreOptions.BearerToken is blank or holds a line break: set the token itself, or null for none.", nameof(options));
        }

        var prefix = options.KeyPrefix ?? "";
        if (prefix.StartsWith('/') || prefix.Contains("..", StringComparison.Ordinal) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            throw new ArgumentException($"HttpRemoteStoreOptions.KeyPrefix '{prefix}' may hold only letters, digits, '-', '_', '.' and '/' (not leading, no '..').", nameof(options));
        }

        _cache = new Uri(baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/cache/" + prefix);
        Name = $"{_cache.Scheme}://{_cache.Authority}{_cache.AbsolutePath}";
        _http = options.Handler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _http.Timeout = Timeout.InfiniteTimeSpan;
        if (options.BearerToken is { } bearer)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer.Trim());
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The server answered neither 2xx nor 404, or the connection failed.</exception>
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync(Url(key), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }

        try
        {
            EnsureSuccess(response, "GET", key);
            return new OwnedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response, response.Content.Headers.ContentLength);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The server answered an error other than 412, or the connection failed.</exception>
    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, Url(key)) { Content = new ReadOnlyMemoryContent(content) };
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }

        EnsureSuccess(response, "PUT", key);
        return true;
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The server answered neither 2xx nor 404, or the connection failed.</exception>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(Url(key), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            EnsureSuccess(response, "DELETE", key);
        }
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The server answered neither 2xx nor 404, or the connection failed.</exception>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Url(key));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        EnsureSuccess(response, "HEAD", key);
        return true;
    }

    /// <summary>Releases the HTTP connections (not a handler passed in the options).</summary>
    public void Dispose() => _http.Dispose();

    private Uri Url(string key) => new(_cache, key);

    private void EnsureSuccess(HttpResponseMessage response, string method, string key)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {Name}{key} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
