namespace TickCache;

/// <summary>
/// The ids of the sources a <see cref="TickCacheClient"/> can read from, for <see cref="TickQuery.Source"/>. A source id
/// is part of every cache key: the same exchange, data type, symbol and day from two sources are two different chunks.
/// Public API (namespace <c>TickCache</c>), kept beside the sources it names so the core stays vendor-neutral.
/// Thread-safe (constants only).
/// </summary>
public static class TickSources
{
    /// <summary>
    /// <c>tardis-datasets</c>: the Tardis.dev datasets API (one gzip CSV per UTC day and symbol, rows filed by
    /// <c>local_timestamp</c>; configured by <see cref="TickCacheOptions.DatasetsEndpoint"/>,
    /// <see cref="TickCacheOptions.MetadataEndpoint"/> and <see cref="TickCacheOptions.ApiKey"/>). The client's default
    /// source (a query whose <see cref="TickQuery.Source"/> is <see langword="null"/>).
    /// </summary>
    public const string TardisDatasets = "tardis-datasets";

    /// <summary>
    /// <c>local-archive</c>: a folder of Tardis CSV files already on disk (<see cref="TickCacheOptions.LocalArchive"/>),
    /// one file per UTC day and symbol, rows filed by <c>local_timestamp</c>; read, validated and cached like a download,
    /// never modified; no rate limit, no request. A day without a file is not published (a gap). Final once the day has ended.
    /// </summary>
    public const string LocalArchive = "local-archive";
}
