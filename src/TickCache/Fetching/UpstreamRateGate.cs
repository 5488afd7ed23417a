using TickCache.Telemetry;

namespace TickCache.Fetching;

/// <summary>
/// Admission to the source for every attempt: waits out a pause ordered by a 429, then a slot of the concurrency cap,
/// then its send time from the <see cref="RequestSchedule"/>, so a request is sent right when its token is due (a
/// token taken while waiting for a slot would let requests bunch up later). Request rate and in-flight concurrency are
/// separate limits. The bucket holds one token less than the configured burst (at least one): a server enforcing the
/// same rate and burst on its own timer is then not overrun by the phase of that timer or by a first request that took
/// longer to arrive than the next ones (a new connection), at the cost of one request of burst. Thread-safe.
/// </summary>
/// <remarks>
/// Every wait (pause and pacing) runs on the client's <see cref="TimeProvider"/>, so tests drive both with a fake clock.
/// A wait cancelled after its send time was reserved gives the slot back when no later request has reserved one
/// (<see cref="RequestSchedule.Cancel"/>); otherwise that slot stays unused: the rate is never exceeded, only missed.
/// </remarks>
internal sealed class UpstreamRateGate : IDisposable
{
    private static readonly TimeSpan PauseMargin = TimeSpan.FromMilliseconds(250);
    private readonly RequestSchedule _schedule;
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;
    private readonly CacheCounters _counters;
    private readonly string _source;
    private long _pausedUntilTicks;

    /// <param name="source">The id of the source it admits to (the telemetry tag).</param>
    /// <param name="requestsPerSecond">The source's request rate, &gt; 0.</param>
    /// <param name="burst">The source's burst, ≥ 1 (the bucket holds one less, at least one).</param>
    /// <param name="maxConcurrent">Requests in flight at most, ≥ 1.</param>
    /// <param name="time">The client's clock: every wait runs on it.</param>
    /// <param name="counters">Where tokens, waits and requests in flight are counted.</param>
    public UpstreamRateGate(string source, double requestsPerSecond, int burst, int maxConcurrent, TimeProvider time, CacheCounters counters)
    {
        _source = source;
        _time = time;
        _counters = counters;
        _schedule = new RequestSchedule(requestsPerSecond, Math.Max(1, burst - 1), time); // one token of headroom (see the summary)
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    /// <summary>Waits for the pause, a token and a slot; dispose the result to free the slot.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var due = _schedule.Reserve(out var ticket);
        try
        {
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _schedule.Cancel(ticket);
            _slots.Release();
            throw;
        }

        _counters.TokenTaken(_source, _time.GetElapsedTime(started));
        _counters.Active(_source, 1);
        return new Slot(this);
    }

    /// <summary>Pauses every request until <paramref name="delay"/> (plus a margin) from now; a longer pause already set wins.</summary>
    public TimeSpan Pause(TimeSpan delay)
    {
        var pause = delay + PauseMargin;
        var until = (_time.GetUtcNow() + pause).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _pausedUntilTicks);
            if (current >= until)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) != current);

        return pause;
    }

    public void Dispose()
    {
        _slots.Dispose();
    }

    private sealed class Slot(UpstreamRateGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate._counters.Active(gate._source, -1);
                gate._slots.Release();
            }
        }
    }
}
