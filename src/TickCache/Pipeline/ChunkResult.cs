using TickCache.Formats;

namespace TickCache.Pipeline;

/// <summary>
/// What the tier chain returns for one chunk: its columns (from a tier or the source), or a gap — a chunk the source
/// does not publish, with the source's reason — which yields no rows and is never cached.
/// </summary>
/// <remarks>
/// A chunk just downloaded reaches the caller while it is still being written to L2: <see cref="Stored"/> completes
/// when that write has ended (faulting only on a bug; I/O failures are logged and counted by the tier).
/// </remarks>
/// <param name="Columns">The chunk's rows (empty for a gap).</param>
/// <param name="GapReason">Why the source has no such chunk; null when the chunk was loaded.</param>
internal sealed record ChunkResult(ChunkColumns Columns, string? GapReason)
{
    public bool IsGap => GapReason is not null;

    /// <summary>The write of a just-downloaded chunk to L2 (and L3); completed for every other result.</summary>
    public Task Stored { get; init; } = Task.CompletedTask;
}
