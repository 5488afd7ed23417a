namespace TickCache.Tiers;

/// <summary>
/// The estimated L2 size of a chunk not yet cached: the mean size of the files of the same source, exchange, data type,
/// symbol and chunk kind (day or month) already in L2 — the sources publish no sizes, so this is the only basis. Reads
/// directory entries only, once per symbol folder and kind per instance. Not thread-safe (one plan).
/// </summary>
internal sealed class DiskSizeEstimate(string root)
{
    private readonly Dictionary<(string Folder, int Depth), long?> _means = [];

    /// <summary>The mean L2 file size for chunks like <paramref name="key"/>, or null when none is cached.</summary>
    public long? For(Planning.ChunkKey key)
    {
        var slot = (key.SymbolFolder, key.FileDepth);
        if (!_means.TryGetValue(slot, out var mean))
        {
            _means[slot] = mean = Mean(Path.Combine(root, key.SymbolFolder), key.FileDepth);
        }

        return mean;
    }

    private static long? Mean(string folder, int depth)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var sizes = new DirectoryInfo(folder).EnumerateFiles("*.parquet", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(folder, f.FullName).Count(c => c == Path.DirectorySeparatorChar) == depth)
            .Select(f => f.Length)
            .ToList();
        return sizes.Count == 0 ? null : (long)sizes.Average();
    }
}
