using Microsoft.Extensions.Caching.Memory;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Tiers;

/// <summary>
/// L1: decoded chunks in a <see cref="MemoryCache"/> owned by the client (never the app's shared cache), limited to a
/// byte budget where an entry's size is the bytes of its columns. A hit hands out the cached columns without copying.
/// An entry holds one reference to pooled columns (<see cref="ChunkColumns.Rental"/>), given back when it is evicted;
/// a hit hands the caller a reference of its own. The one place that calls Microsoft.Extensions.Caching.Memory. Thread-safe.
/// </summary>
internal sealed class MemoryTier : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly long _budget;

    public MemoryTier(long budgetBytes)
    {
        _budget = budgetBytes;
        if (budgetBytes > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = budgetBytes, CompactionPercentage = 0.25 });
        }
    }

    /// <summary>The cached columns with a reference taken for the caller (release it), or null (not cached, or evicted and given back just now).</summary>
    public ChunkColumns? TryGet(ChunkKey key) => _cache is not null && _cache.TryGetValue(key, out ChunkColumns? columns) && columns!.TryAcquire() ? columns : null;

    /// <summary>Whether the chunk is cached (not counted as a lookup).</summary>
    public bool Contains(ChunkKey key) => _cache is not null && _cache.TryGetValue(key, out _);

    /// <summary>Caches the columns (taking a reference of its own) unless they alone exceed the budget (then the caller still gets them, L1 just skips them).</summary>
    public void Set(ChunkKey key, ChunkColumns columns)
    {
        var size = columns.SizeInBytes;
        if (_cache is null || size > _budget || !columns.TryAcquire())
        {
            return;
        }

        using var entry = _cache.CreateEntry(key);
        entry.Size = size;
        entry.Value = columns;
        entry.RegisterPostEvictionCallback(static (_, value, _, _) => ((ChunkColumns)value!).Release());
    }

    public void Dispose() => _cache?.Dispose();
}
