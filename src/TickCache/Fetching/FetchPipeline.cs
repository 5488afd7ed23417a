using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TickCache.Diagnostics;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Sources;
using TickCache.Telemetry;

namespace TickCache.Fetching;

/// <summary>
/// The one place that uses Polly. Every attempt of a chunk fetch goes: retry (exponential backoff with jitter, or the
/// server's <c>Retry-After</c>, capped) → rate gate (429 pause, one token per attempt, concurrency slot) → attempt
/// timeout → the source. Permanent failures (400/401/403/404) pass through unretried; transient ones that use up the
/// retries become <see cref="UpstreamUnavailableException"/>. Thread-safe.
/// </summary>
internal sealed class FetchPipeline
{
    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(250);
    private readonly Lazy<(ResiliencePipeline Retry, ResiliencePipeline Timeout)> _pipelines;
    private readonly UpstreamRateGate _gate;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public FetchPipeline(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan attemptTimeout, UpstreamRateGate gate, TimeProvider time, ILogger logger, CacheCounters counters)
    {
        _gate = gate;
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _logger = logger;
        _time = time;
        // Built on the first fetch: a warm read never goes upstream, and Polly's set-up is a noticeable part of its start.
        _pipelines = new(() => Build(maxRetries, baseDelay, maxDelay, attemptTimeout, time, logger, counters));
    }

    private static (ResiliencePipeline Retry, ResiliencePipeline Timeout) Build(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan attemptTimeout, TimeProvider time, ILogger logger, CacheCounters counters)
    {
        var retry = new ResiliencePipelineBuilder { TimeProvider = time };
        if (maxRetries > 0)
        {
            retry.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = maxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is SourceTransientException { RetryAfter: { } retryAfter }
                        ? (TimeSpan?)(Min(retryAfter, maxDelay) + RetryAfterMargin)
                        : null),
                OnRetry = args =>
                {
                    var key = args.Context.Properties.GetValue(ChunkProperty, null!);
                    Log.Retrying(logger, args.AttemptNumber + 1, key?.ToString() ?? "?", args.Outcome.Exception?.Message ?? "no result", args.RetryDelay.TotalSeconds);
                    counters.Retry();
                    return default;
                },
            });
        }

        return (retry.Build(), new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(attemptTimeout).Build());
    }

    private static ResiliencePropertyKey<ChunkKey> ChunkProperty { get; } = new("tickcache.chunk");

    public async Task<ChunkColumns> FetchAsync(ChunkKey key, Func<ChunkKey, CancellationToken, Task<ChunkColumns>> attempt, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var started = _time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ChunkProperty, key);
        try
        {
            var (retry, timeout) = _pipelines.Value;
            var columns = await retry.ExecuteAsync(
                async ctx =>
                {
                    Interlocked.Increment(ref attempts);
                    using var slot = await _gate.EnterAsync(ctx.CancellationToken).ConfigureAwait(false);
                    try
                    {
                        return await timeout.ExecuteAsync(async token => await attempt(key, token).ConfigureAwait(false), ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (SourceTransientException e) when (e.StatusCode == 429)
                    {
                        var pause = _gate.Pause(Min(e.RetryAfter ?? _baseDelay, _maxDelay));
                        Log.RateLimited(_logger, key.ToString(), pause.TotalSeconds);
                        throw;
                    }
                },
                context).ConfigureAwait(false);
            Log.Fetched(_logger, key.ToString(), columns.Count, columns.SizeInBytes, _time.GetElapsedTime(started).TotalSeconds, attempts);
            return columns;
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw Errors.Exhausted(key, attempts, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsTransient(Exception e) =>
        e is SourceTransientException or HttpRequestException or IOException or TimeoutRejectedException or InvalidChunkDataException { Permanent: false };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
