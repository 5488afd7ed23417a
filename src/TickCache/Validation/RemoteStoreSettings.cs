using System.Net;

namespace TickCache.Validation;

/// <summary>
/// Checks shared by the L3 backends' constructors, so that every backend rejects bad settings the same way: with an
/// <see cref="ArgumentException"/> naming the setting, never echoing a credential. Thread-safe (stateless).
/// </summary>
internal static class RemoteStoreSettings
{
    /// <summary>
    /// Requires an absolute <c>http(s)://</c> URL; plain <c>http://</c> only to a loopback host unless
    /// <paramref name="allowInsecureHttp"/> (objects and credentials would travel in clear text).
    /// </summary>
    /// <param name="endpoint">The URL to check.</param>
    /// <param name="setting">The setting's name for the message, e.g. <c>S3RemoteStoreOptions.ServiceUrl</c>.</param>
    /// <param name="allowInsecureHttp">Accept <c>http://</c> to any host.</param>
    /// <returns><paramref name="endpoint"/>.</returns>
    /// <exception cref="ArgumentException">The URL is missing, not absolute http(s), carries user info (a credential in the
    /// URL), or is insecure and not allowed. The message shows scheme, host and port only (no user info, path or query).</exception>
    public static Uri RequireEndpoint(Uri? endpoint, string setting, bool allowInsecureHttp) =>
        RequireEndpoint(endpoint, setting, setting, allowInsecureHttp, "https://cache.example.com", "data and credentials", "allow insecure HTTP explicitly");

    /// <summary>The endpoint check with the wording of the caller: also used for the Tardis endpoints of <see cref="TickCacheOptions"/>.</summary>
    internal static Uri RequireEndpoint(Uri? endpoint, string setting, string parameter, bool allowInsecureHttp, string example, string exposed, string howToAllow)
    {
        if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            var shown = endpoint is null ? "null" : endpoint.IsAbsoluteUri ? Shown(endpoint) : "a relative URL";
            throw new ArgumentException($"{setting} '{shown}' is not an absolute http(s) URL: use e.g. {example}.", parameter);
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            throw new ArgumentException(
                $"{setting} '{Shown(endpoint)}' carries a user name or password in the URL, where it would end up in logs: remove it and pass the credential through its own setting.",
                parameter);
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint) && !allowInsecureHttp)
        {
            throw new ArgumentException(
                $"{setting} '{Shown(endpoint)}' uses plain http:// on a non-loopback host, which would send {exposed} in clear text: use https://, or {howToAllow} if you accept that.",
                parameter);
        }

        return endpoint;
    }

    /// <summary>Requires a non-blank value.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="setting">The setting's name for the message.</param>
    /// <param name="hint">What to set, e.g. <c>the bucket name</c>.</param>
    /// <returns>The value, trimmed.</returns>
    /// <exception cref="ArgumentException">The value is null or blank (the message never shows the value).</exception>
    public static string RequireValue(string? value, string setting, string hint) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{setting} is missing: set {hint}.", setting)
            : value.Trim();

    /// <summary>Scheme, host and port of an absolute URL for a message: never its user info, path or query.</summary>
    private static string Shown(Uri uri) =>
        string.IsNullOrEmpty(uri.Host) || uri.Scheme is not ("http" or "https")
            ? uri.Scheme + ":…"
            : $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    /// <summary>Whether <paramref name="uri"/> names a loopback host (<c>localhost</c>, 127.0.0.0/8, ::1).</summary>
    /// <param name="uri">An absolute URL.</param>
    /// <returns><see langword="true"/> for a loopback host.</returns>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
