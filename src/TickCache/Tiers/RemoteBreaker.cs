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
/// <para>
/// First contact: until a client's first call has an outcome, that call runs alone (as a probe, given
/// <see cref="RemoteCacheOptions.FirstCallTimeout"/> by the tier) and every other call waits for it instead of paying
/// a deadline of its own: a store that is only slow to start (a just-started server, a client library's first request)
/// then costs one wait rather than opening the breaker, and a store that does not answer at all costs one
/// <see cref="RemoteCacheOptions.FirstCallTimeout"/> and opens it. With <c>FirstCallTimeout = 0</c> the breaker starts closed.
/// </para>
/// </summary>
/// <remarks>
/// Written here rather than with Polly's breaker: Polly v8 only knows a failure ratio over a sampling window, under
/// which recent successes keep a breaker closed while a frozen server makes every call pay its deadline.
/// </remarks>
internal sealed class RemoteBreaker(RemoteCacheOptions options, string store, ILogger logger, CacheCounters counters, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _failures;
    private State _state = options.FirstCallTimeout > TimeSpan.Zero ? State.FirstContact : State.Closed;
    private DateTimeOffset _openUntil;
    private TaskCompletionSource? _firstCall;

    private enum State
    {
        FirstContact,
        Closed,
        Open,
        Probing,
    }

    /// <summary>Runs <paramref name="call"/> through the breaker (as <see cref="TryRunAsync{T}(Func{bool, CancellationToken, Task{T}}, CancellationToken)"/>, ignoring whether it is the first call).</summary>
    public Task<Box<T>?> TryRunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        TryRunAsync((_, token) => call(token), cancellationToken);

    /// <summary>Runs <paramref name="call"/> through the breaker; its first argument is true for the client's first call (give it the first-call deadline).</summary>
    /// <returns>The call's result, or <see langword="null"/> (not run) when the breaker is open or another call is probing.</returns>
    /// <exception cref="RemoteFailureException">The call failed (counted by the breaker).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<Box<T>?> TryRunAsync<T>(Func<bool, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (run, probe, first) = await EnterAsync(cancellationToken).ConfigureAwait(false);
        if (!run)
        {
            return null;
        }

        try
        {
            var value = await call(first, cancellationToken).ConfigureAwait(false);
            Succeeded(probe, first);
            return new Box<T>(value);
        }
        catch (RemoteFailureException)
        {
            Failed(probe, first);
            throw;
        }
        catch when (probe)
        {
            Abandoned(first);
            throw;
        }
    }

    /// <summary>Whether to run the call (and as probe, as first call); during first contact, waits for the first call's outcome.</summary>
    private async Task<(bool Run, bool Probe, bool First)> EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task outcome;
            lock (_lock)
            {
                if (_state != State.FirstContact)
                {
                    break;
                }

                if (_firstCall is null)
                {
                    _firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    return (true, true, true);
                }

                outcome = _firstCall.Task;
            }

            await outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return (TryEnter(out var probe), probe, false);
    }

    private bool TryEnter(out bool probe)
    {
        var halfOpened = false;
        lock (_lock)
        {
            probe = false;
            switch (_state)
            {
                case State.Closed or State.FirstContact:
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

    private void Succeeded(bool probe, bool first)
    {
        lock (_lock)
        {
            _failures = 0;
            if (!probe)
            {
                return;
            }

            _state = State.Closed;
            EndFirstContact(first);
        }

        if (!first)
        {
            Log.BreakerClosed(logger, store);
        }
    }

    private void Failed(bool probe, bool first)
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
            EndFirstContact(first);
        }

        counters.RemoteBreakerOpened();
        Log.BreakerOpened(logger, store, options.BreakDuration.TotalSeconds);
    }

    /// <summary>The probe ended without an outcome (the caller cancelled): the next call probes (during first contact: is the first call).</summary>
    private void Abandoned(bool first)
    {
        lock (_lock)
        {
            _state = first ? State.FirstContact : State.Open;
            _openUntil = time.GetUtcNow();
            EndFirstContact(first);
        }
    }

    /// <summary>Wakes the calls waiting for the first call's outcome (under the lock).</summary>
    private void EndFirstContact(bool first)
    {
        if (first)
        {
            _firstCall!.SetResult();
            _firstCall = null;
        }
    }

    /// <summary>A result of a call that ran (distinguishes "ran and returned null" from "skipped").</summary>
    internal sealed record Box<T>(T Value);
}
