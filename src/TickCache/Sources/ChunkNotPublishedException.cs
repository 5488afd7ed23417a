namespace TickCache.Sources;

/// <summary>
/// Thrown by <see cref="ITickSource.FetchAsync"/> when the download shows that the source does not publish the chunk
/// (a file store answering 404 for a file it never had, e.g. a day a symbol did not trade or a month not yet
/// uploaded). The tier chain turns it into a gap (counted in <see cref="TickCacheStatistics.UnavailableChunks"/>,
/// never cached, never retried); a caller never sees it.
/// </summary>
/// <param name="reason">One sentence naming the chunk, the URL or path looked at, and why it is taken as unpublished.</param>
internal sealed class ChunkNotPublishedException(string reason) : Exception(reason)
{
}
