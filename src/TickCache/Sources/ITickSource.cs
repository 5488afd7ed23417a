using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Sources;

/// <summary>
/// The seam between the vendor-neutral core (planning mechanics, tiers, single flight, rate limiting, retries, trimming,
/// merging) and one data source. A source owns its id, its grid (how a query range becomes chunks), the request or path
/// of a chunk, decoding and validating its bytes into the shared schemas, its partition timestamp, finality,
/// availability and integrity data. Implementations are thread-safe; every implementation passes the source contract
/// tests.
/// </summary>
internal interface ITickSource
{
    /// <summary>The source id, part of every chunk key (so two sources never share a chunk), e.g. <c>tardis-datasets</c>.</summary>
    string Id { get; }

    /// <summary>
    /// The folder of this source's L2 files under the cache root, every key it plans carries it (<c>""</c> = the root,
    /// kept by the first source so that no existing cache was orphaned when sources became several).
    /// </summary>
    string CacheFolder { get; }

    /// <summary>The data type ids this source serves.</summary>
    IReadOnlyCollection<string> DataTypes { get; }

    /// <summary>
    /// The int64 schema column that files a row into its chunk (its UTC day or month decides the file): a query
    /// <c>[from, to)</c> selects exactly the rows with <c>from ≤ partition &lt; to</c>. Must be <c>timestamp</c> or
    /// <c>local_timestamp</c>.
    /// </summary>
    string PartitionColumn { get; }

    /// <summary>The source's own request limits, or <see langword="null"/> for the client's options.</summary>
    SourceLimits? Limits { get; }

    /// <summary>
    /// The chunks on this source's grid that can hold rows of <paramref name="query"/>, in partition order (for each grid
    /// cell, one chunk per symbol in the query's symbol order). A grid whose cells overlap (e.g. a month file and the
    /// day files inside it) asks <paramref name="isStored"/> which chunks a tier already holds, so that stored data is
    /// never fetched again as part of another cell; a grid without overlap ignores it.
    /// </summary>
    IReadOnlyList<ChunkKey> Plan(TickQuery query, Func<ChunkKey, bool> isStored);

    /// <summary>Whether the chunk is closed (its data final, so it may be stored in L2/L3). Never throws for metadata failures (then a time rule decides).</summary>
    Task<bool> IsFinalAsync(ChunkKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Before a download (never for cached chunks): whether the source has the chunk. A chunk the source does not
    /// publish (before its first day, after its last) is a gap; an exchange, symbol or data type the source does not
    /// have at all throws <see cref="DataNotAvailableException"/>. When the source cannot tell, the chunk is available.
    /// </summary>
    Task<ChunkAvailability> CheckAvailabilityAsync(ChunkKey key, CancellationToken cancellationToken);

    /// <summary>
    /// The symbols the source lists for <paramref name="exchange"/>, or <see langword="null"/> when it has no listing
    /// (a file store that only answers per file). An exchange it does not know lists nothing. Throws only for cancellation.
    /// </summary>
    Task<IReadOnlyList<SymbolInfo>?> GetSymbolsAsync(string exchange, CancellationToken cancellationToken);

    /// <summary>
    /// The exchanges the source lists, or <see langword="null"/> when it has no listing. Throws only for cancellation.
    /// </summary>
    Task<IReadOnlyList<ExchangeInfo>?> GetExchangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The instrument definitions the source lists for <paramref name="exchange"/> (empty for an exchange it does not
    /// know), or <see langword="null"/> when it has no instruments API. Throws a <see cref="TickCacheException"/> when the
    /// listing exists but cannot be read and nothing is stored.
    /// </summary>
    Task<IReadOnlyList<Instrument>?> GetInstrumentsAsync(string exchange, CancellationToken cancellationToken);

    /// <summary>The known gaps overlapping the query: documented incidents and ranges the source does not publish; empty when it cannot tell.</summary>
    Task<IReadOnlyList<KnownGap>> GetKnownGapsAsync(TickQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One attempt to download, decode and validate the chunk completely (every row inside the chunk by
    /// <see cref="PartitionColumn"/>). Throws <see cref="SourceTransientException"/> for a retryable failure,
    /// <see cref="UpstreamRequestException"/> for a permanent one, <see cref="InvalidChunkDataException"/> for bad data,
    /// <see cref="ChunkNotPublishedException"/> when the download itself shows the source does not publish the chunk
    /// (e.g. a 404 from a file store without a listing): a gap, not a failure.
    /// </summary>
    Task<ChunkColumns> FetchAsync(ChunkKey key, CancellationToken cancellationToken);
}
