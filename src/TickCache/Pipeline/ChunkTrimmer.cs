using System.Runtime.CompilerServices;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Pipeline;

/// <summary>
/// Cuts a chunk's rows to the query range by the source's partition timestamp (<c>from ≤ partition &lt; to</c>, the
/// column whose day files a row), so adjacent ranges partition the rows exactly. When the selected rows are
/// consecutive (always, for a source whose files are ordered by the partition timestamp) the batch is a zero-copy view
/// (O(1) when the chunk's bounds lie inside the range, the usual whole-day case); otherwise the selected rows are
/// copied in their original order.
/// </summary>
internal static class ChunkTrimmer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a boundary day scans its rows once: skip the unoptimized first tier
    public static TickBatch Trim(long from, long to, int partitionSlot, ChunkKey key, ChunkColumns columns)
    {
        var (min, max) = columns.Bounds(partitionSlot);
        if (columns.Count > 0 && min >= from && max < to)
        {
            return new TickBatch(key.Exchange, key.StartUtc, columns, 0, columns.Count);
        }

        var values = columns.Int64[partitionSlot].AsSpan(0, columns.Count);
        var first = -1;
        var last = -1;
        var selected = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] >= from && values[i] < to)
            {
                first = first < 0 ? i : first;
                last = i;
                selected++;
            }
        }

        if (selected == 0 || last - first + 1 == selected)
        {
            return new TickBatch(key.Exchange, key.StartUtc, columns, Math.Max(first, 0), selected);
        }

        var copy = columns.Filter(partitionSlot, from, to);
        return new TickBatch(key.Exchange, key.StartUtc, copy, 0, copy.Count);
    }
}
