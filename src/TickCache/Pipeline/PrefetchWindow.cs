namespace TickCache.Pipeline;

/// <summary>How many chunks a stream keeps loading ahead of its consumer (see <see cref="TickCacheOptions.PrefetchBytes"/>).</summary>
internal static class PrefetchWindow
{
    /// <summary>
    /// <paramref name="prefetchChunks"/>, lowered to <c>prefetchBytes / chunkBytes</c> (at least 1) when both are known
    /// and positive; never below <paramref name="perDay"/> (the chunks of one multi-symbol day are merged together).
    /// </summary>
    public static int Chunks(int prefetchChunks, long prefetchBytes, long chunkBytes, int perDay)
    {
        var count = prefetchChunks;
        if (prefetchBytes > 0 && chunkBytes > 0)
        {
            count = (int)Math.Min(count, Math.Max(1, prefetchBytes / chunkBytes));
        }

        return Math.Max(count, perDay);
    }
}
