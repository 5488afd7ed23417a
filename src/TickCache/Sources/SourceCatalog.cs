using Microsoft.Extensions.Logging;
using TickCache.Sources.BinancePublicData;
using TickCache.Sources.LocalArchive;
using TickCache.Sources.Tardis;
using TickCache.Telemetry;

namespace TickCache.Sources;

/// <summary>
/// Builds the sources a client holds from its options: the one place outside a source's own folder that names a
/// source type, so the client and the core stay vendor-neutral. Each source is returned with the id queries use.
/// </summary>
internal static class SourceCatalog
{
    /// <summary>
    /// The sources for <paramref name="options"/>, the default source (for queries without a source) first; the caller
    /// owns them (dispose those that are <see cref="IDisposable"/>).
    /// </summary>
    public static IReadOnlyList<ITickSource> Create(TickCacheOptions options, HttpClient http, string? apiKey, CacheCounters counters, ILogger logger)
    {
        var sources = new List<ITickSource>
        {
            new TardisDatasetsSource(http, options.DatasetsEndpoint, options.MetadataEndpoint, apiKey, options.FinalizationDelay, options.ValidateWithMetadata, counters, options.TimeProvider, logger),
        };
        if (options.LocalArchive is { } archive)
        {
            sources.Add(new LocalArchiveSource(archive, options.TimeProvider, logger));
        }

        sources.Add(new BinancePublicDataSource(http, options.BinancePublicData, options.MaxRetries, counters, options.TimeProvider, logger));

        return sources;
    }
}
