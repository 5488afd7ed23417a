namespace TickCache;

/// <summary>One chunk of a <see cref="CachePlan"/>: its identity on the source's grid and where it would come from now. Immutable.</summary>
/// <param name="Source">The source id.</param>
/// <param name="Exchange">The exchange id.</param>
/// <param name="DataType">The data type id.</param>
/// <param name="Symbol">The dataset symbol.</param>
/// <param name="StartUtc">Start of the chunk (UTC).</param>
/// <param name="EndUtc">Exclusive end of the chunk (UTC): a day, or a month for Binance public data's monthly files.</param>
/// <param name="State">Where it would come from.</param>
/// <param name="EstimatedBytes">
/// For a chunk to fetch: its estimated L2 file size in bytes, the mean of the cached files of the same source, exchange,
/// data type, symbol and chunk kind (day or month); null when none is cached (the sources publish no sizes) and for a
/// chunk already cached. Compressed download sizes are not known before the download.
/// </param>
public sealed record PlannedChunk(string Source, string Exchange, string DataType, string Symbol, DateTime StartUtc, DateTime EndUtc, ChunkState State, long? EstimatedBytes);
