namespace TickCache;

/// <summary>
/// The ids of the sources a <see cref="TickCacheClient"/> can read from, for <see cref="TickQuery.Source"/>. A source id
/// is part of every cache key: the same exchange, data type, symbol and day from two sources are two different chunks.
/// Thread-safe (constants only).
/// </summary>
public static class TickSources
{
    /// <summary>
    /// <c>tardis-datasets</c>: the Tardis.dev datasets API (one gzip CSV per UTC day and symbol, rows filed by
    /// <c>local_timestamp</c>; configured by <see cref="TickCacheOptions.DatasetsEndpoint"/>,
    /// <see cref="TickCacheOptions.MetadataEndpoint"/> and <see cref="TickCacheOptions.ApiKey"/>). The default.
    /// </summary>
    public const string TardisDatasets = "tardis-datasets";
}
