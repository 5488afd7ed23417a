namespace TickCache.Remote.Http;

/// <summary>Settings of an <see cref="HttpRemoteStore"/>; validated by its constructor. Not thread-safe while being filled in.</summary>
public sealed class HttpRemoteStoreOptions
{
    /// <summary>
    /// Base address of the object server; objects live at <c>{BaseAddress}/cache/{key}</c> (e.g. an nginx
    /// <c>location /cache/</c> with <c>dav_methods PUT</c>). Required. Plain <c>http://</c> only to a loopback host
    /// unless <see cref="AllowInsecureHttp"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: it must be set (the constructor throws <see cref="ArgumentException"/> otherwise).</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Prefix of every key inside <c>/cache/</c>, e.g. <c>team-a/</c>; letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>/</c> only.</summary>
    /// <value>The default value is empty.</value>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Optional token sent as <c>Authorization: Bearer</c> on every request. Never logged or shown in a message.</summary>
    /// <value>The default value is <see langword="null"/>: no <c>Authorization</c> header.</value>
    public string? BearerToken { get; set; }

    /// <summary>Allows <c>http://</c> to a non-loopback host (objects and the token would travel in clear text).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>An optional handler (proxies, certificates); not disposed by the store.</summary>
    /// <value>The default value is <see langword="null"/>: the store owns a <see cref="SocketsHttpHandler"/>.</value>
    public HttpMessageHandler? Handler { get; set; }
}
