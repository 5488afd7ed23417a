namespace TickCache.Sources;

/// <summary>The wait an HTTP source's <c>Retry-After</c> header asks for (a delta, or a date on the client's clock), shared by the HTTP sources.</summary>
internal static class HttpRetryAfter
{
    /// <summary>The wait, zero for a date in the past, or null when the response sent none.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider time)
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
