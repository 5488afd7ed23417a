using TickCache;

namespace OpenTelemetry.Trace;

/// <summary>
/// Subscribes an OpenTelemetry tracer provider to TickCache's spans (<see cref="TickCacheTelemetry.ActivitySourceName"/>:
/// <c>tickcache.query</c>, <c>tickcache.chunk</c>, <c>tickcache.fetch</c>). Namespace <c>OpenTelemetry.Trace</c>, as
/// OpenTelemetry's instrumentation libraries do. Thread-safe.
/// </summary>
public static class TickCacheTracerProviderBuilderExtensions
{
    /// <summary>Adds TickCache's activity source.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static TracerProviderBuilder AddTickCacheInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(TickCacheTelemetry.ActivitySourceName);
    }
}
