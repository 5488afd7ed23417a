using System.Globalization;
using System.Text;

namespace TickCache.Formats;

/// <summary>
/// Writes rows of <see cref="ChunkColumns"/> in the shared CSV layout (<c>exchange,symbol,</c> then the schema's
/// columns, as the shared CSV layout has them): integers and µs times as digits, numbers as the shortest decimal text that
/// parses back to the same double (never an exponent), missing cells empty, enums as their words, booleans
/// <c>true</c>/<c>false</c>, text quoted only when it holds a comma, quote or line break (RFC 4180). Pure.
/// </summary>
internal static class CsvRowWriter
{
    public static void WriteRow(StringBuilder line, string exchange, ChunkColumns columns, int row)
    {
        line.Append(exchange).Append(',');
        Text(line, columns.SymbolAt(row));
        foreach (var spec in columns.Schema.Columns)
        {
            line.Append(',');
            switch (spec.Kind)
            {
                case ColumnKind.Int64:
                    var value = columns.Int64[spec.Slot][row];
                    if (value != ColumnSpec.MissingInt64)
                    {
                        line.Append(value.ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case ColumnKind.Double:
                    Number(line, columns.Doubles[spec.Slot][row]);
                    break;
                case ColumnKind.Enum:
                    var code = columns.Bytes[spec.Slot][row];
                    line.Append(spec.EnumWords![Array.IndexOf(spec.EnumCodes!, code)]);
                    break;
                case ColumnKind.Bool:
                    line.Append(columns.Bytes[spec.Slot][row] != 0 ? "true" : "false");
                    break;
                case ColumnKind.Text:
                    Text(line, columns.Text[spec.Slot][row]);
                    break;
                default:
                    if (columns.NumericIds is { } ids)
                    {
                        line.Append(ids[row].ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        Text(line, columns.StringIds![row]);
                    }

                    break;
            }
        }
    }

    /// <summary>The shortest round-trip text of <paramref name="value"/> in plain decimal notation; nothing for NaN.</summary>
    public static void Number(StringBuilder line, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            line.Append(text);
            return;
        }

        // d.dddE±x → plain decimal: move the point x places.
        var negative = text[0] == '-';
        var mantissa = text[(negative ? 1 : 0)..e];
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var position = (point < 0 ? mantissa.Length : point) + exponent;
        if (negative)
        {
            line.Append('-');
        }

        if (position <= 0)
        {
            line.Append("0.").Append('0', -position).Append(digits);
        }
        else if (position >= digits.Length)
        {
            line.Append(digits).Append('0', position - digits.Length);
        }
        else
        {
            line.Append(digits, 0, position).Append('.').Append(digits, position, digits.Length - position);
        }
    }

    private static void Text(StringBuilder line, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
