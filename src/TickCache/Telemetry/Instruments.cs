using System.Diagnostics.Metrics;

namespace TickCache.Telemetry;

/// <summary>
/// The <c>TickCache</c> meter's instruments (names in <see cref="TickCacheTelemetry"/>): from the application's
/// <see cref="IMeterFactory"/> when it gives one (<see cref="TickCacheOptions.MeterFactory"/>, set by
/// <c>AddTickCache</c>), else one process-wide meter shared by every client. Thread-safe.
/// </summary>
internal sealed class Instruments
{
    private static readonly Lazy<Instruments> Shared = new(() => new Instruments(new Meter(TickCacheTelemetry.MeterName)));

    private Instruments(Meter meter)
    {
        Lookups = meter.CreateCounter<long>(TickCacheTelemetry.Lookups);
        Requests = meter.CreateCounter<long>(TickCacheTelemetry.FetchRequests);
        Bytes = meter.CreateCounter<long>(TickCacheTelemetry.FetchBytes, "By");
        Ticks = meter.CreateCounter<long>(TickCacheTelemetry.Ticks);
        Duration = meter.CreateHistogram<double>(TickCacheTelemetry.FetchDuration, "s");
        Wait = meter.CreateHistogram<double>(TickCacheTelemetry.RateLimitWait, "s");
        BreakerOpenings = meter.CreateCounter<long>(TickCacheTelemetry.RemoteBreakerOpenings);
        WritesDropped = meter.CreateCounter<long>(TickCacheTelemetry.RemoteWritesDropped);
        Active = meter.CreateUpDownCounter<long>(TickCacheTelemetry.FetchActive);
    }

    public Counter<long> Lookups { get; }

    public Counter<long> Requests { get; }

    public Counter<long> Bytes { get; }

    public Counter<long> Ticks { get; }

    public Histogram<double> Duration { get; }

    public Histogram<double> Wait { get; }

    public Counter<long> BreakerOpenings { get; }

    public Counter<long> WritesDropped { get; }

    public UpDownCounter<long> Active { get; }

    /// <summary>The instruments of <paramref name="factory"/>'s <c>TickCache</c> meter, or the shared ones.</summary>
    public static Instruments For(IMeterFactory? factory) =>
        factory is null ? Shared.Value : new Instruments(factory.Create(new MeterOptions(TickCacheTelemetry.MeterName)));
}
