using Microsoft.Extensions.Logging;
using TickCache.Telemetry;

namespace TickCache.Tiers;

/// <summary>
/// The L2 size budget (<see cref="TickCacheOptions.DiskBudgetBytes"/>): after each file written, when the chunk files
/// under the root exceed the budget, the least recently used ones (by the later of last access and last write; the disk
/// tier stamps the access time on every hit, since file systems mounted <c>relatime</c> barely do) are deleted until
/// the total is at 90 % of the budget — never the file just written. Chunk files only: temp files of writers and lock
/// files are never touched. The running total starts from one scan and is corrected by every eviction's scan, so
/// processes sharing a folder converge. Thread-safe.
/// </summary>
internal sealed class DiskBudget(string root, long budgetBytes, CacheCounters counters, ILogger logger)
{
    private readonly Lock _gate = new();
    private long? _total;

    public void Added(string path, long bytes)
    {
        lock (_gate)
        {
            _total = _total is { } total ? total + bytes : Scan().Sum(f => f.Length);
            if (_total > budgetBytes)
            {
                _total = Evict(path);
            }
        }
    }

    private long Evict(string keep)
    {
        var files = Scan().OrderBy(f => f.LastAccessTimeUtc > f.LastWriteTimeUtc ? f.LastAccessTimeUtc : f.LastWriteTimeUtc).ToList();
        var total = files.Sum(f => f.Length);
        var target = budgetBytes / 10 * 9;
        foreach (var file in files)
        {
            if (total <= target)
            {
                break;
            }

            if (string.Equals(file.FullName, keep, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var length = file.Length; // read before deleting: a deleted FileInfo no longer has one
                file.Delete();
                total -= length;
                counters.DiskEvicted();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.DiskError(logger, e, "evict", file.FullName);
            }
        }

        return total;
    }

    private List<FileInfo> Scan()
    {
        try
        {
            return [.. Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories).Select(p => new FileInfo(p)).Where(f => f.Exists)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DiskError(logger, e, "scan", root);
            return [];
        }
    }
}
