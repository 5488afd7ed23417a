namespace TickCache.Fetching;

/// <summary>
/// The client's outermost HTTP handler: a request to a source whose server goes silent — no response headers, or no
/// next byte of the body — for <c>stall</c> (<see cref="TickCacheOptions.StallTimeout"/>) fails with an
/// <see cref="IOException"/> naming the address and the setting, a transient error the retry policy retries. The time
/// runs only while the client waits for the server (not while it decodes what arrived), on the client's
/// <see cref="TimeProvider"/>. <see cref="TickCacheOptions.AttemptTimeout"/> still bounds the whole attempt. Thread-safe.
/// </summary>
/// <param name="stall">The longest silence allowed, &gt; 0.</param>
/// <param name="time">The client's clock.</param>
/// <param name="ownsInner">Whether disposing this handler disposes its inner one (not a handler the user passed in).</param>
internal sealed class StallTimeoutHandler(TimeSpan stall, TimeProvider time, bool ownsInner) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var guard = new StallGuard(stall, time, request.RequestUri);
        HttpResponseMessage? response = null;
        try
        {
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, guard.Start()))
            {
                try
                {
                    response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (guard.Stalled && !cancellationToken.IsCancellationRequested)
                {
                    throw guard.Error("response headers", e);
                }
            }

            guard.Stop();
            response.Content = await GuardedAsync(response.Content, guard, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response?.Dispose();
            guard.Dispose();
            throw;
        }
    }

    /// <summary>The same content (its headers copied) with its body read under <paramref name="guard"/>; disposing it disposes the original.</summary>
    private static async Task<HttpContent> GuardedAsync(HttpContent content, StallGuard guard, CancellationToken cancellationToken)
    {
        var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var guarded = new StreamContent(new StallGuardStream(body, content, guard));
        foreach (var header in content.Headers)
        {
            guarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return guarded;
    }

    protected override void Dispose(bool disposing)
    {
        if (ownsInner)
        {
            base.Dispose(disposing);
        }
    }
}
