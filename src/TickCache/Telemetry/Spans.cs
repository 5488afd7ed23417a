using System.Diagnostics;

namespace TickCache.Telemetry;

/// <summary>The library's <see cref="ActivitySource"/> (names in <see cref="TickCacheTelemetry"/>). Spans cost nothing without a listener.</summary>
internal static class Spans
{
    private static readonly ActivitySource Source = new(TickCacheTelemetry.ActivitySourceName);

    public static Activity? Query(string source, TickQuery query) =>
        Source.StartActivity(TickCacheTelemetry.QuerySpan)?
            .SetTag(TickCacheTelemetry.SourceTag, source)
            .SetTag("tickcache.exchange", query.Exchange)
            .SetTag("tickcache.data_type", query.DataType)
            .SetTag("tickcache.symbols", string.Join(',', query.Symbols))
            .SetTag("tickcache.from", query.FromUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .SetTag("tickcache.to", query.ToUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    public static Activity? Chunk(string source, string chunk) =>
        Source.StartActivity(TickCacheTelemetry.ChunkSpan)?.SetTag(TickCacheTelemetry.SourceTag, source).SetTag("tickcache.chunk", chunk);

    public static Activity? Fetch(string source, string chunk, Uri url) =>
        Source.StartActivity(TickCacheTelemetry.FetchSpan, ActivityKind.Client)?.SetTag(TickCacheTelemetry.SourceTag, source).SetTag("tickcache.chunk", chunk).SetTag("url.full", url.AbsoluteUri);
}
