namespace TickCache.Fetching;

/// <summary>
/// The silence timer of one HTTP exchange (<see cref="StallTimeoutHandler"/>): <see cref="Start"/> before each wait for
/// the server, <see cref="Stop"/> when bytes came; once it has fired, <see cref="Stalled"/> is true and the exchange is
/// over. One exchange's waits run one at a time, so it is used by one thread at a time.
/// </summary>
internal sealed class StallGuard(TimeSpan stall, TimeProvider time, Uri? url) : IDisposable
{
    private readonly CancellationTokenSource _timer = new(Timeout.InfiniteTimeSpan, time);

    /// <summary>Cancelled when the server has been silent for the whole allowance.</summary>
    public CancellationToken Token => _timer.Token;

    /// <summary>Whether the server was silent for the whole allowance.</summary>
    public bool Stalled => _timer.IsCancellationRequested;

    /// <summary>Starts (or restarts) the allowance; returns the token that the silence cancels.</summary>
    public CancellationToken Start()
    {
        _timer.CancelAfter(stall);
        return _timer.Token;
    }

    /// <summary>Stops the allowance while the client works on what arrived.</summary>
    public void Stop() => _timer.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <summary>The transient error for a silence while waiting for <paramref name="what"/>.</summary>
    public IOException Error(string what, Exception? inner) =>
        new($"{url?.GetLeftPart(UriPartial.Path) ?? "the server"} sent no {what} for {stall.TotalSeconds:0.###} s (TickCacheOptions.StallTimeout): the attempt is abandoned and retried. Raise StallTimeout for a very slow link.", inner);

    public void Dispose() => _timer.Dispose();
}
