using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Loading;

/// <summary>
/// Cuts a chunk's rows to the query range by exchange <c>timestamp</c> (<c>from ≤ timestamp &lt; to</c>). When the
/// selected rows are consecutive (the usual case, also for a whole day) the batch is a zero-copy view; otherwise the
/// selected rows are copied in their original order.
/// </summary>
internal static class ChunkTrimmer
{
    public static TradeBatch Trim(TickQuery query, ChunkKey key, TradeColumns columns)
    {
        var from = query.FromMicros;
        var to = query.ToMicros;
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

        var symbol = columns.SourceSymbol ?? key.Symbol;
        if (selected == 0)
        {
            return new TradeBatch(key.Exchange, symbol, key.StartUtc, TradeColumns.Empty, 0, 0);
        }

        if (last - first + 1 == selected)
        {
            return new TradeBatch(key.Exchange, symbol, key.StartUtc, columns, first, selected);
        }

        var copy = columns.Filter(from, to);
        return new TradeBatch(key.Exchange, symbol, key.StartUtc, copy, 0, copy.Count);
    }
}
