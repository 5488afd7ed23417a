namespace TickCache;

/// <summary>
/// Progress and result of <see cref="TickCacheClient.PrefetchAsync"/> and of a query streamed with progress
/// (<see cref="TickCacheClient.GetBatchesWithProgressAsync"/>): chunks
/// planned and done, where they came from, rows and bytes, the time so far. Reported when a query starts, after each of
/// its batches (at most once per grid cell), and once at the end. Immutable.
/// </summary>
/// <param name="Planned">Chunks of all the queries.</param>
/// <param name="Done">Chunks loaded or found unpublished so far.</param>
/// <param name="FromCache">Chunks served by L1, L2 or L3.</param>
/// <param name="Fetched">Chunks downloaded from a source.</param>
/// <param name="Unavailable">Chunks the source does not publish (gaps).</param>
/// <param name="Rows">Rows read.</param>
/// <param name="UpstreamBytes">Bytes received from sources.</param>
/// <param name="Elapsed">Time since the prefetch started.</param>
/// <param name="Current">The query in progress (<see cref="TickQuery.Describe"/>), or null at the end.</param>
/// <param name="Retries">Fetch attempts retried so far (after a transient failure, a 429 or a timeout).</param>
/// <param name="RateLimited">429 answers from sources so far (each paused every request of that source for its Retry-After).</param>
public sealed record PrefetchReport(int Planned, int Done, int FromCache, int Fetched, int Unavailable, long Rows, long UpstreamBytes, TimeSpan Elapsed, string? Current, long Retries, long RateLimited)
{
    /// <summary>
    /// The time still to go at the pace so far (<see cref="Elapsed"/> per done chunk times the chunks left); null before
    /// the first chunk is done and <see cref="TimeSpan.Zero"/> when all are. A rough guide: cached chunks are much faster
    /// than fetched ones.
    /// </summary>
    public TimeSpan? Eta => Done == 0 ? null : Done >= Planned ? TimeSpan.Zero : Elapsed / Done * (Planned - Done);
}
