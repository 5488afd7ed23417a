using Microsoft.Extensions.Logging;
using TickCache.Diagnostics;
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
        var documents = new MetadataDocuments(options.UseDiskCache ? options.CacheDirectory : null, logger, options.TimeProvider);
        var sources = new List<ITickSource> { TardisDatasetsSource.Create(http, options, apiKey, documents, counters, logger) };
        sources.Add(new BinancePublicDataSource(http, options.BinancePublicData, options.MaxRetries, counters, options.TimeProvider, logger));
        if (options.LocalArchive is { } archive)
        {
            sources.Insert(1, new LocalArchiveSource(archive, FallThrough(archive, sources), options.TimeProvider, logger));
        }

        return sources;
    }

    /// <summary>
    /// Checks each source's own settings (Tardis endpoints, the local archive, Binance public data), after the
    /// vendor-neutral ones; throws <see cref="ArgumentException"/> naming the setting.
    /// </summary>
    public static void ValidateOptions(TickCacheOptions options)
    {
        TardisSettings.Validate(options);
        if (options.LocalArchive is { } archive)
        {
            ArchiveSettings.Validate(archive);
        }

        BinanceSettings.Validate(options.BinancePublicData, options.AllowInsecureHttp);
    }

    /// <summary>The source named by <see cref="LocalArchiveOptions.FallThroughSource"/>, or null; it must exist and file rows by the archive's partition timestamp.</summary>
    private static ITickSource? FallThrough(LocalArchiveOptions archive, List<ITickSource> sources)
    {
        if (archive.FallThroughSource is not { } id)
        {
            return null;
        }

        var target = sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
        return target is { PartitionColumn: LocalArchiveSource.Partition }
            ? target
            : throw Errors.BadFallThrough("LocalArchive." + nameof(archive.FallThroughSource), id, sources.Where(s => s.PartitionColumn == LocalArchiveSource.Partition).Select(s => s.Id));
    }
}
