namespace TickCache;

/// <summary>
/// One chunk file in the L2 cache (<see cref="TickCacheClient.GetCachedChunks"/>): which source, exchange, data type,
/// symbol and UTC period it holds, its size and times. Immutable.
/// </summary>
/// <param name="Source">The source id (<see cref="TickSources"/>).</param>
/// <param name="Exchange">The exchange id.</param>
/// <param name="DataType">The data type id.</param>
/// <param name="Symbol">The dataset symbol.</param>
/// <param name="StartUtc">Start of the chunk (UTC midnight of its day, or of its month's first day).</param>
/// <param name="EndUtc">Exclusive end of the chunk (UTC).</param>
/// <param name="FormatVersion">The L2 format version of the file.</param>
/// <param name="Bytes">The file's size in bytes.</param>
/// <param name="LastWriteUtc">When the file was written (UTC).</param>
/// <param name="LastAccessUtc">When the file was last read, as the file system records it (UTC; many mount with <c>relatime</c>, which updates it at most daily).</param>
/// <param name="Path">The file's full path.</param>
public sealed record CachedChunk(string Source, string Exchange, string DataType, string Symbol, DateTime StartUtc, DateTime EndUtc, int FormatVersion, long Bytes, DateTime LastWriteUtc, DateTime LastAccessUtc, string Path);
