using System.Globalization;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Tests.Boundaries;

/// <summary>
/// The brute-force reference for range semantics: every row the emulator serves for a dataset (all its day files, as
/// bundled: filed by local_timestamp), merged across symbols by local_timestamp (stable: query symbol order, then file
/// order), filtered by <c>from ≤ local_timestamp &lt; to</c>. Rows are compared as signatures (symbol and every int64
/// and double cell), which is what selection and order decide; value fidelity is FidelityTests' job.
/// </summary>
internal sealed class ServedRows
{
    private readonly List<(long Local, string Signature)> _rows;

    private ServedRows(string dataType, List<(long Local, string Signature)> rows)
    {
        DataType = dataType;
        _rows = rows;
    }

    public string DataType { get; }

    public int Count => _rows.Count;

    public static ServedRows Load(string exchange, string dataType, IReadOnlyList<string> symbols)
    {
        var schema = DatasetSchemas.For(dataType);
        var all = new List<(long Local, int Symbol, int Seq, string Signature)>();
        for (var s = 0; s < symbols.Count; s++)
        {
            var seq = 0;
            var folder = Path.Combine(TestData.Root, "v1", exchange, dataType);
            var files = Directory.EnumerateFiles(folder, symbols[s] + ".csv.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                foreach (var row in TestData.ReadCsv(file))
                {
                    all.Add((long.Parse(row[3], CultureInfo.InvariantCulture), s, seq++, Signature(schema, row)));
                }
            }
        }

        var ordered = all.OrderBy(r => r.Local).ThenBy(r => r.Symbol).ThenBy(r => r.Seq).Select(r => (r.Local, r.Signature)).ToList();
        return new ServedRows(dataType, ordered);
    }

    public List<string> Select(DateTime fromUtc, DateTime toUtc)
    {
        var (from, to) = (UnixMicros.From(fromUtc), UnixMicros.From(toUtc));
        return [.. _rows.Where(r => r.Local >= from && r.Local < to).Select(r => r.Signature)];
    }

    public static List<string> Signatures(IEnumerable<TickBatch> batches)
    {
        var result = new List<string>();
        foreach (var batch in batches)
        {
            var schema = DatasetSchemas.For(batch.DataType);
            for (var i = 0; i < batch.Count; i++)
            {
                var cells = new List<string> { batch.GetSymbol(i) };
                foreach (var column in schema.Columns)
                {
                    if (column.Kind == ColumnKind.Int64)
                    {
                        cells.Add(batch.GetInt64s(column.Name).Span[i].ToString(CultureInfo.InvariantCulture));
                    }
                    else if (column.Kind == ColumnKind.Double)
                    {
                        cells.Add(BitConverter.DoubleToInt64Bits(batch.GetDoubles(column.Name).Span[i]).ToString(CultureInfo.InvariantCulture));
                    }
                }

                result.Add(string.Join('|', cells));
            }
        }

        return result;
    }

    private static string Signature(DatasetSchema schema, string[] row)
    {
        var cells = new List<string> { row[1] };
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var cell = row[c + 2];
            if (schema.Columns[c].Kind == ColumnKind.Int64)
            {
                cells.Add((cell.Length == 0 ? TickBatch.MissingInt64 : long.Parse(cell, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
            }
            else if (schema.Columns[c].Kind == ColumnKind.Double)
            {
                cells.Add(BitConverter.DoubleToInt64Bits(cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
            }
        }

        return string.Join('|', cells);
    }
}
