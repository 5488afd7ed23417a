namespace TickCache.Fetching;

/// <summary>
/// Exact request pacing on the client's clock: a token bucket of <c>burst</c> tokens refilled continuously at
/// <c>requestsPerSecond</c>, kept as the generic cell rate algorithm's one number (the time the bucket is next full
/// minus one burst, ITU-T I.371). Each call reserves the earliest send time the bucket allows, in call order, so over
/// any window of length <c>w</c> at most <c>burst + floor(w × requestsPerSecond)</c> reservations fall inside it, and a
/// caller that keeps requests waiting gets every one of them. No timer: nothing drifts against another clock, and a
/// fake <see cref="TimeProvider"/> drives it exactly. Thread-safe.
/// </summary>
internal sealed class RequestSchedule
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly long _tolerance;
    private long _theoretical;

    /// <param name="requestsPerSecond">Refill rate, &gt; 0.</param>
    /// <param name="burst">Bucket size, ≥ 1: how many requests may go at once after an idle spell.</param>
    /// <param name="time">The clock (its timestamps).</param>
    public RequestSchedule(double requestsPerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time;
        _interval = Math.Max(1, (long)Math.Ceiling(time.TimestampFrequency / requestsPerSecond)); // never faster than the rate
        _tolerance = (burst - 1) * _interval;
        _theoretical = long.MinValue / 2;
    }

    /// <summary>Reserves the next send slot and returns how long to wait for it from now (zero: send now).</summary>
    public TimeSpan Reserve() => Reserve(out _);

    /// <summary>As <see cref="Reserve()"/>; <paramref name="ticket"/> lets a caller that will not send <see cref="Cancel"/> it.</summary>
    public TimeSpan Reserve(out Ticket ticket)
    {
        var now = _time.GetTimestamp();
        long at;
        lock (_lock)
        {
            at = Math.Max(now, _theoretical - _tolerance);
            var before = _theoretical;
            _theoretical = Math.Max(_theoretical, at) + _interval;
            ticket = new Ticket(before, _theoretical);
        }

        // Rounded up to whole ticks: a wait never ends before its slot.
        return at <= now ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling((at - now) * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));
    }

    /// <summary>
    /// Gives back the slot of a reservation whose request will not be sent, when it is the last one made: the schedule
    /// is then exactly as if it had never been reserved. A later reservation has already been told its time, so an
    /// earlier cancelled slot stays unused (the rate is never exceeded, only missed).
    /// </summary>
    public void Cancel(Ticket ticket)
    {
        lock (_lock)
        {
            if (_theoretical == ticket.After)
            {
                _theoretical = ticket.Before;
            }
        }
    }

    /// <summary>The schedule's state just before and just after one reservation (theoretical arrival times, in timestamps).</summary>
    public readonly record struct Ticket(long Before, long After);
}
