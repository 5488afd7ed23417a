namespace TickCache.Sources;

/// <summary>
/// A source's own request limits, when they are not the client's (<see cref="TickCacheOptions.RequestsPerSecond"/>,
/// <see cref="TickCacheOptions.RequestBurst"/>, <see cref="TickCacheOptions.MaxConcurrentRequests"/>,
/// <see cref="TickCacheOptions.MaxRetries"/>), e.g. a local folder that needs no rate limit and no retries.
/// </summary>
/// <param name="RequestsPerSecond">Token-bucket refill rate, &gt; 0.</param>
/// <param name="Burst">Token-bucket capacity, ≥ 1.</param>
/// <param name="MaxConcurrent">Fetches in flight, ≥ 1.</param>
/// <param name="MaxRetries">Retries after the first attempt, ≥ 0.</param>
internal sealed record SourceLimits(double RequestsPerSecond, int Burst, int MaxConcurrent, int MaxRetries);
