using Parquet;
using Parquet.Schema;

namespace TickCache.Formats;

/// <summary>
/// Reads the columns of an L2 v3 file (<see cref="StandardParquetWriter"/>) back into the in-memory layout: physical
/// values through fields of our own schema (INT64 for the timestamps, whatever their annotation), nulls back to NaN,
/// <see cref="ColumnSpec.MissingInt64"/> or empty text, the <c>symbol</c> column back to codes into the footer's symbol
/// list. A value the column cannot hold (a symbol not in the footer) throws
/// <see cref="InvalidDataException"/>: the file is then not this chunk. Int64, double, enum, bool and symbol-code columns
/// go into arrays rented through the target's <see cref="ColumnTarget.Rental"/> (longer than the row count).
/// </summary>
internal static class StandardParquetReader
{
    /// <summary>Our fields for the file's columns, by Parquet name, attached to a schema in the file's column order (the id's type as the file has it).</summary>
    public static Dictionary<string, DataField> Fields(DatasetSchema schema, IReadOnlyList<DataField> fileFields)
    {
        var numericIds = fileFields.Any(f => f.Name == StandardParquetWriter.IdName && f.ClrType == typeof(long));
        var ours = schema.Columns.Select(c => StandardParquetWriter.FieldFor(c, numericIds)).Append(new DataField<string>(StandardParquetWriter.SymbolName, false)).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var fields = fileFields.Select(f => ours.TryGetValue(f.Name, out var mine) ? Matching(mine, f) : throw new InvalidDataException($"The file has a column '{f.Name}' that {schema.DataType} has not.")).ToList();
        _ = new ParquetSchema(fields); // attaches them: Parquet.Net reads only through fields of a schema
        return fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Ours, or REQUIRED like the file's when it is a double column the writer found dense (no missing cell).</summary>
    private static DataField Matching(DataField mine, DataField file) =>
        mine.ClrType == typeof(double) && mine.IsNullable && !file.IsNullable ? new DataField<double>(mine.Name) : mine;

    public static async Task ReadColumnAsync(ParquetRowGroupReader group, DataField field, ColumnSpec spec, int rows, ColumnTarget target, CancellationToken cancellationToken)
    {
        switch (spec.Kind)
        {
            case ColumnKind.Int64 when spec.Optional:
                target.Int64[spec.Slot] = await ReadNullableAsync(group, field, rows, ColumnSpec.MissingInt64, target.Rental, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Int64:
                target.Int64[spec.Slot] = await ReadRequiredAsync<long>(group, field, rows, target.Rental.Rent<long>(rows), cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Double when !field.IsNullable:
                target.Doubles[spec.Slot] = await ReadRequiredAsync<double>(group, field, rows, target.Rental.Rent<double>(rows), cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Double:
                target.Doubles[spec.Slot] = await ReadNullableAsync(group, field, rows, double.NaN, target.Rental, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Bool:
                var bools = await ReadRequiredAsync<bool>(group, field, rows, ColumnPool.Rent<bool>(rows), cancellationToken).ConfigureAwait(false);
                var codes = target.Rental.Rent<byte>(rows);
                for (var i = 0; i < rows; i++)
                {
                    codes[i] = bools[i] ? (byte)1 : (byte)0;
                }

                ColumnPool.Return(bools);
                target.Bytes[spec.Slot] = codes;
                break;
            case ColumnKind.Enum:
                // Physical INT32 (annotated UINT_8): DELTA_BINARY_PACKED since the enum columns are, PLAIN before.
                var ints = await ReadRequiredAsync<int>(group, field, rows, ColumnPool.Rent<int>(rows), cancellationToken).ConfigureAwait(false);
                var bytes = target.Rental.Rent<byte>(rows);
                Pages.EnumCodes.Narrow<int>(ints.AsSpan(0, rows), bytes);

                ColumnPool.Return(ints);
                target.Bytes[spec.Slot] = bytes;
                break;
            case ColumnKind.Text:
                target.Text[spec.Slot] = Array.ConvertAll(await ReadStringsAsync(group, field, rows, cancellationToken).ConfigureAwait(false), s => s ?? string.Empty);
                break;
            default:
                if (field.ClrType == typeof(long))
                {
                    target.NumericIds = await ReadRequiredAsync<long>(group, field, rows, target.Rental.Rent<long>(rows), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    target.StringIds = Array.ConvertAll(await ReadStringsAsync(group, field, rows, cancellationToken).ConfigureAwait(false), s => s ?? string.Empty);
                }

                break;
        }
    }

    /// <summary>The <c>symbol</c> column as codes into <paramref name="symbols"/> (the footer's list).</summary>
    public static async Task<int[]> ReadSymbolCodesAsync(ParquetRowGroupReader group, DataField field, int rows, IReadOnlyList<string> symbols, ColumnRental rental, CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, int>(symbols.Count, StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            index.TryAdd(symbols[i], i);
        }

        var names = await ReadStringsAsync(group, field, rows, cancellationToken).ConfigureAwait(false);
        var codes = rental.Rent<int>(rows);
        for (var i = 0; i < rows; i++)
        {
            codes[i] = names[i] is { } name && index.TryGetValue(name, out var code)
                ? code
                : throw new InvalidDataException($"Row {i} has symbol '{names[i]}', which is not in the footer's symbol list.");
        }

        return codes;
    }

    private static async Task<T[]> ReadRequiredAsync<T>(ParquetRowGroupReader group, DataField field, int rows, T[] values, CancellationToken cancellationToken)
        where T : struct
    {
        await group.ReadRawAsync<T>(field, values.AsMemory(0, rows), null, null, cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>Reads the present values densely with their definition levels, then spreads them out in place, back to front, with <paramref name="missing"/> in the null rows.</summary>
    private static async Task<T[]> ReadNullableAsync<T>(ParquetRowGroupReader group, DataField field, int rows, T missing, ColumnRental rental, CancellationToken cancellationToken)
        where T : struct
    {
        var values = rental.Rent<T>(rows);
        var levels = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            await group.ReadRawAsync<T>(field, values.AsMemory(0, rows), levels.AsMemory(0, rows), null, cancellationToken).ConfigureAwait(false);
            var present = 0;
            for (var i = 0; i < rows; i++)
            {
                present += levels[i];
            }

            if (present != rows)
            {
                for (int i = rows - 1, j = present - 1; i >= 0; i--)
                {
                    values[i] = levels[i] != 0 ? values[j--] : missing;
                }
            }

            return values;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static async Task<string?[]> ReadStringsAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows];
        await group.ReadAsync(field, values.AsMemory()!, cancellationToken: cancellationToken).ConfigureAwait(false);
        return values;
    }
}
