namespace TickCache;

/// <summary>Where a planned chunk would come from now (<see cref="PlannedChunk.State"/>).</summary>
public enum ChunkState
{
    /// <summary>Not in L1 or L2: the source would be asked (a download, or a gap if it does not publish the chunk; L3 is not probed by a plan).</summary>
    ToFetch = 0,

    /// <summary>In the L1 memory tier of this client.</summary>
    InMemory = 1,

    /// <summary>In the L2 disk tier.</summary>
    OnDisk = 2,
}
