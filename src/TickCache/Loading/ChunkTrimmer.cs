using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Loading;

/// <summary>
/// Cuts a chunk's rows to the query range by exchange <c>timestamp</c> (<c>from ≤ timestamp &lt; to</c>). When the
/// selected rows are consecutive the batch is a zero-copy view (O(1) when the chunk's timestamp bounds lie inside the
/// range, the usual whole-day case); otherwise the selected rows are copied in their original order.
/// </summary>
internal static class ChunkTrimmer
{
    public static TickBatch Trim(TickQuery query, ChunkKey key, ChunkColumns columns)
    {
        var from = query.FromMicros;
        var to = query.ToMicros;
        var (min, max) = columns.TimestampBounds;
        if (columns.Count > 0 && min >= from && max < to)
        {
            return new TickBatch(key.Exchange, key.StartUtc, columns, 0, columns.Count);
        }

        var ts = columns.Timestamps.AsSpan(0, columns.Count);
        var first = -1;
        var last = -1;
        var selected = 0;
        for (var i = 0; i < ts.Length; i++)
        {
            if (ts[i] >= from && ts[i] < to)
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

        var copy = columns.Filter(from, to);
        return new TickBatch(key.Exchange, key.StartUtc, copy, 0, copy.Count);
    }
}
