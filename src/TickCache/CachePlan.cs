namespace TickCache;

/// <summary>
/// What a set of queries would read (<see cref="TickCacheClient.Plan"/>): every chunk of the sources' grids, in query and
/// partition order, and where it would come from now. Computed without any request (L3 is not probed; a chunk to fetch
/// may turn out to be a gap). Byte estimates per chunk to fetch come from the sizes of similar cached files
/// (<see cref="PlannedChunk.EstimatedBytes"/>): the sources publish no file sizes. Immutable.
/// </summary>
/// <param name="Chunks">The planned chunks (a chunk shared by two queries is listed once).</param>
public sealed record CachePlan(IReadOnlyList<PlannedChunk> Chunks)
{
    /// <summary>Chunks the source would be asked for.</summary>
    public int ToFetch => Chunks.Count(c => c.State == ChunkState.ToFetch);

    /// <summary>Chunks already in L1 or L2.</summary>
    public int Cached => Chunks.Count - ToFetch;

    /// <summary>The estimated L2 bytes of the chunks to fetch that have an estimate (<see cref="PlannedChunk.EstimatedBytes"/>).</summary>
    public long EstimatedBytesToFetch => Chunks.Sum(c => c.EstimatedBytes ?? 0);

    /// <summary>Chunks to fetch without an estimate (nothing like them is cached yet).</summary>
    public int ToFetchWithoutEstimate => Chunks.Count(c => c.State == ChunkState.ToFetch && c.EstimatedBytes is null);
}
