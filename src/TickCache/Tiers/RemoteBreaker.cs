using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using TickCache.Telemetry;

namespace TickCache.Tiers;

/// <summary>
/// The L3 circuit breaker (Polly's; the other Polly user is <c>Fetching/FetchPipeline</c>): after
/// <see cref="RemoteCacheOptions.BreakerFailures"/> failed calls with no success in between (within one break duration)
/// it opens, and every call is skipped at once for <see cref="RemoteCacheOptions.BreakDuration"/>; then one probe is let
/// through (half-open) and its outcome closes or reopens it. Each state change is logged once and metered. A failure is
/// a <see cref="RemoteFailureException"/> (the tier turns store exceptions and missed deadlines into one); the caller's
/// own cancellation is not a failure. Thread-safe.
/// </summary>
internal sealed class RemoteBreaker
{
    private readonly ResiliencePipeline _pipeline;

    public RemoteBreaker(RemoteCacheOptions options, string store, ILogger logger, CacheCounters counters, TimeProvider time)
    {
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = options.BreakerFailures,
                SamplingDuration = options.BreakDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<RemoteFailureException>(),
                OnOpened = args =>
                {
                    counters.RemoteBreakerOpened();
                    Log.BreakerOpened(logger, store, args.BreakDuration.TotalSeconds);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    Log.BreakerHalfOpened(logger, store);
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.BreakerClosed(logger, store);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="call"/> through the breaker.</summary>
    /// <returns>The call's result, or <see langword="null"/> (not run) when the breaker is open.</returns>
    /// <exception cref="RemoteFailureException">The call failed (counted by the breaker).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<Box<T>?> TryRunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return new Box<T>(await _pipeline.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
    }

    /// <summary>A result of a call that ran (distinguishes "ran and returned null" from "skipped").</summary>
    internal sealed record Box<T>(T Value);
}
