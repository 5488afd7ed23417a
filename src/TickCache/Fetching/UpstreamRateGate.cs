using System.Threading.RateLimiting;
using TickCache.Telemetry;

namespace TickCache.Fetching;

/// <summary>
/// Admission to the source for every attempt: waits out a pause ordered by a 429, then a slot of the concurrency cap,
/// then one token from a <see cref="TokenBucketRateLimiter"/> (the one place that uses System.Threading.RateLimiting),
/// so a request is sent right after its token (a token taken while waiting for a slot would let requests bunch up
/// later). Request rate and in-flight concurrency are separate limits. The bucket holds one token less than the
/// configured burst (at least one): a server enforcing the same rate and burst on its own timer is then never overrun
/// by the phase between the two timers, at the cost of one request of burst. Thread-safe.
/// </summary>
/// <remarks>
/// The BCL token bucket replenishes on a real timer (it ignores <see cref="TimeProvider"/>); pauses use the client's
/// <see cref="TimeProvider"/>, so tests drive 429 handling with a fake clock.
/// </remarks>
internal sealed class UpstreamRateGate : IDisposable
{
    private static readonly TimeSpan PauseMargin = TimeSpan.FromMilliseconds(250);
    private readonly TokenBucketRateLimiter _bucket;
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;
    private readonly CacheCounters _counters;
    private long _pausedUntilTicks;

    public UpstreamRateGate(double requestsPerSecond, int burst, int maxConcurrent, TimeProvider time, CacheCounters counters)
    {
        _time = time;
        _counters = counters;
        var period = TimeSpan.FromSeconds(Math.Max(1.0 / requestsPerSecond, 0.001));
        var perPeriod = Math.Max(1, (int)Math.Round(requestsPerSecond * period.TotalSeconds));
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst - 1), // one token of headroom below the server's burst (see the summary)
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
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
        try
        {
            using var lease = await _bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException("The rate limiter refused a token although its queue is unbounded.");
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }

        _counters.TokenTaken(_time.GetElapsedTime(started));
        _counters.Active(1);
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
        _bucket.Dispose();
        _slots.Dispose();
    }

    private sealed class Slot(UpstreamRateGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate._counters.Active(-1);
                gate._slots.Release();
            }
        }
    }
}
