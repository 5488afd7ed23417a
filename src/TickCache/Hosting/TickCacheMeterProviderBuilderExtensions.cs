using TickCache;

namespace OpenTelemetry.Metrics;

/// <summary>
/// Subscribes an OpenTelemetry meter provider to TickCache's metrics (<see cref="TickCacheTelemetry.MeterName"/>:
/// <c>tickcache.lookups</c>, <c>tickcache.fetch.*</c>, <c>tickcache.ticks</c>, …). Namespace <c>OpenTelemetry.Metrics</c>,
/// as OpenTelemetry's instrumentation libraries do. Thread-safe.
/// </summary>
public static class TickCacheMeterProviderBuilderExtensions
{
    /// <summary>Adds TickCache's meter.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static MeterProviderBuilder AddTickCacheInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(TickCacheTelemetry.MeterName);
    }
}
