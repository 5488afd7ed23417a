using System.Globalization;
using TickCache.Formats;

namespace TickCache.Pipeline;

/// <summary>
/// Merges the batches of several symbols for one day into one batch ordered by <c>local_timestamp</c> — the order Tardis
/// files and live feeds have — stably: equal arrival times keep the query's symbol order, then the file order. Every
/// row keeps its own symbol. Copies the rows (a merge cannot be a view).
/// </summary>
internal static class ChunkMerger
{
    public static TickBatch Merge(IReadOnlyList<TickBatch> parts)
    {
        var nonEmpty = parts.Where(p => p.Count > 0).ToList();
        if (nonEmpty.Count <= 1)
        {
            return nonEmpty.Count == 1 ? nonEmpty[0] : parts[0];
        }

        var order = new List<(long Local, int Part, int Row)>(nonEmpty.Sum(p => p.Count));
        for (var p = 0; p < nonEmpty.Count; p++)
        {
            var local = nonEmpty[p].LocalTimestampSpan;
            for (var r = 0; r < local.Length; r++)
            {
                order.Add((local[r], p, r));
            }
        }

        order.Sort((a, b) => a.Local != b.Local ? a.Local.CompareTo(b.Local) : a.Part != b.Part ? a.Part.CompareTo(b.Part) : a.Row.CompareTo(b.Row));
        var schema = nonEmpty[0].Columns.Schema;
        var n = order.Count;
        T[] Gather<T>(Func<ChunkColumns, T[]> column)
        {
            var result = new T[n];
            for (var i = 0; i < n; i++)
            {
                var (_, p, r) = order[i];
                result[i] = column(nonEmpty[p].Columns)[nonEmpty[p].Offset + r];
            }

            return result;
        }

        var symbols = new List<string>();
        var codes = new int[n];
        var symbolIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var (_, p, r) = order[i];
            var symbol = nonEmpty[p].Columns.SymbolAt(nonEmpty[p].Offset + r);
            if (!symbolIndex.TryGetValue(symbol, out var code))
            {
                code = symbols.Count;
                symbolIndex[symbol] = code;
                symbols.Add(symbol);
            }

            codes[i] = code;
        }

        long[]? numericIds = null;
        string[]? stringIds = null;
        if (schema.HasId)
        {
            if (nonEmpty.All(p => p.Columns.NumericIds is not null))
            {
                numericIds = Gather(c => c.NumericIds!);
            }
            else
            {
                // Each part's ids as text once (numeric ids of a part become their exact decimal text), then gathered.
                var texts = nonEmpty.ToDictionary(p => p.Columns, p => p.Columns.StringIds ?? Array.ConvertAll(p.Columns.NumericIds!, id => id.ToString(CultureInfo.InvariantCulture)));
                stringIds = Gather(c => texts[c]);
            }
        }

        var merged = new ChunkColumns(
            schema,
            n,
            [.. Enumerable.Range(0, schema.Int64Count).Select(s => Gather(c => c.Int64[s]))],
            [.. Enumerable.Range(0, schema.DoubleCount).Select(s => Gather(c => c.Doubles[s]))],
            [.. Enumerable.Range(0, schema.ByteCount).Select(s => Gather(c => c.Bytes[s]))],
            [.. Enumerable.Range(0, schema.TextCount).Select(s => Gather(c => c.Text[s]))],
            numericIds,
            stringIds,
            [.. symbols],
            symbols.Count > 1 ? codes : null);
        return new TickBatch(nonEmpty[0].Exchange, nonEmpty[0].ChunkStartUtc, merged, 0, n);
    }
}
