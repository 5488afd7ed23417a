using Microsoft.Extensions.Logging;
using TickCache.Telemetry;

namespace TickCache.Tiers;

/// <summary>
/// The L3 circuit breaker, a consecutive-failure breaker: <see cref="RemoteCacheOptions.BreakerFailures"/> failed
/// calls in a row open it, whatever succeeded before (any success resets the count; there is no sampling window).
/// While open, every call is skipped at once for <see cref="RemoteCacheOptions.BreakDuration"/>; then exactly one call
/// runs as the probe (half-open; calls meanwhile are skipped) and its outcome closes or reopens it. Each state change
/// is logged once; openings are metered. A failure is a <see cref="RemoteFailureException"/> (the tier turns store
/// exceptions and missed deadlines into one); the caller's own cancellation is not a failure (a cancelled probe lets
/// the next call probe). Time from <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Written here rather than with Polly's breaker: Polly v8 only knows a failure ratio over a sampling window, under
/// which recent successes keep a breaker closed while a frozen server makes every call pay its deadline.
/// </remarks>
internal sealed class RemoteBreaker(RemoteCacheOptions options, string store, ILogger logger, CacheCounters counters, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _failures;
    private State _state = State.Closed;
    private DateTimeOffset _openUntil;

    private enum State
    {
        Closed,
        Open,
        Probing,
    }

    /// <summary>Runs <paramref name="call"/> through the breaker.</summary>
    /// <returns>The call's result, or <see langword="null"/> (not run) when the breaker is open or another call is probing.</returns>
    /// <exception cref="RemoteFailureException">The call failed (counted by the breaker).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<Box<T>?> TryRunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryEnter(out var probe))
        {
            return null;
        }

        try
        {
            var value = await call(cancellationToken).ConfigureAwait(false);
            Succeeded(probe);
            return new Box<T>(value);
        }
        catch (RemoteFailureException)
        {
            Failed(probe);
            throw;
        }
        catch when (probe)
        {
            Abandoned();
            throw;
        }
    }

    private bool TryEnter(out bool probe)
    {
        var halfOpened = false;
        lock (_lock)
        {
            probe = false;
            switch (_state)
            {
                case State.Closed:
                    return true;
                case State.Probing:
                    return false;
                default:
                    if (time.GetUtcNow() < _openUntil)
                    {
                        return false;
                    }

                    _state = State.Probing;
                    probe = halfOpened = true;
                    break;
            }
        }

        if (halfOpened)
        {
            Log.BreakerHalfOpened(logger, store);
        }

        return true;
    }

    private void Succeeded(bool probe)
    {
        lock (_lock)
        {
            _failures = 0;
            if (!probe)
            {
                return;
            }

            _state = State.Closed;
        }

        Log.BreakerClosed(logger, store);
    }

    private void Failed(bool probe)
    {
        lock (_lock)
        {
            _failures++;
            if (!probe && (_state != State.Closed || _failures < options.BreakerFailures))
            {
                return;
            }

            _state = State.Open;
            _openUntil = time.GetUtcNow() + options.BreakDuration;
        }

        counters.RemoteBreakerOpened();
        Log.BreakerOpened(logger, store, options.BreakDuration.TotalSeconds);
    }

    /// <summary>The probe ended without an outcome (the caller cancelled): the next call probes.</summary>
    private void Abandoned()
    {
        lock (_lock)
        {
            _state = State.Open;
            _openUntil = time.GetUtcNow();
        }
    }

    /// <summary>A result of a call that ran (distinguishes "ran and returned null" from "skipped").</summary>
    internal sealed record Box<T>(T Value);
}
