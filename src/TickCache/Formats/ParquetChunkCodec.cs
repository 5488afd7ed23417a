using Parquet;
using Parquet.Schema;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// The one place that calls Parquet.Net: writes a chunk's <see cref="ChunkColumns"/> of any dataset type as one
/// Parquet row group — column names as in the Tardis CSV (<c>asks[0].price</c> becomes <c>asks_0_price</c>), int64
/// DELTA_BINARY_PACKED, doubles BYTE_STREAM_SPLIT, enums and bools uint8, ids int64 or UTF-8, text UTF-8, and for
/// grouped-symbol chunks an int32 <c>symbol_code</c> into the footer's symbol list — with the
/// <see cref="ChunkFileFooter"/> in the key-value metadata; reads it back verifying key, format version, row count and
/// content hash.
/// </summary>
internal static class ParquetChunkCodec
{
    private const string IdName = "id";
    private const string SymbolCodeName = "symbol_code";

    public static string ParquetName(string csvName) => csvName.Replace("].", "_", StringComparison.Ordinal).Replace('[', '_');

    public static async Task WriteAsync(Stream destination, ChunkKey key, ChunkColumns columns, ParquetLayout layout, CancellationToken cancellationToken)
    {
        // Fields belong to the schema they were built with (Parquet.Net attaches them), so every file gets its own.
        var schema = columns.Schema;
        var fields = schema.Columns.Select(c => FieldFor(c, columns)).ToList();
        DataField<int>? symbolField = columns.SymbolCodes is null ? null : new DataField<int>(SymbolCodeName);
        var parquetSchema = new ParquetSchema(symbolField is null ? fields : [.. fields, symbolField]);
        var options = new ParquetOptions { CompressionMethod = layout.Compression, CompressionLevel = layout.Level };
        foreach (var field in parquetSchema.DataFields)
        {
            if (layout.DeltaIntegers && (field.ClrType == typeof(long) || field.ClrType == typeof(int)))
            {
                options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
            }
            else if (layout.ByteStreamSplitDoubles && field.ClrType == typeof(double))
            {
                options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.ByteSplitStream;
            }
        }

        var (min, max) = columns.Count == 0 ? (0L, 0L) : columns.TimestampBounds;
        var footer = new ChunkFileFooter(key.FormatVersion, key.Material, columns.Count, min, max, columns.ComputeContentHash(), columns.Symbols);
        var n = columns.Count;
        var writer = await ParquetWriter.CreateAsync(parquetSchema, destination, options, append: false, cancellationToken).ConfigureAwait(false);
        await using var disposeWriter = writer.ConfigureAwait(false);
        writer.CustomMetadata = footer.ToMetadata();
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var spec = schema.Columns[c];
            var field = fields[c];
            switch (spec.Kind)
            {
                case ColumnKind.Int64:
                    await group.WriteAsync(field, new ReadOnlyMemory<long>(columns.Int64[spec.Slot], 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Double:
                    await group.WriteAsync(field, new ReadOnlyMemory<double>(columns.Doubles[spec.Slot], 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Enum or ColumnKind.Bool:
                    await group.WriteAsync(field, new ReadOnlyMemory<byte>(columns.Bytes[spec.Slot], 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Text:
                    await group.WriteAsync(field, new ArraySegment<string>(columns.Text[spec.Slot], 0, n)).ConfigureAwait(false);
                    break;
                default:
                    if (columns.NumericIds is { } ids)
                    {
                        await group.WriteAsync(field, new ReadOnlyMemory<long>(ids, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await group.WriteAsync(field, new ArraySegment<string>(columns.StringIds!, 0, n)).ConfigureAwait(false);
                    }

                    break;
            }
        }

        if (symbolField is not null)
        {
            await group.WriteAsync(symbolField, new ReadOnlyMemory<int>(columns.SymbolCodes, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads and verifies a chunk file held in memory. Returns null with a reason when the file is not the expected
    /// chunk or fails verification; throws only for cancellation.
    /// </summary>
    public static async Task<(ChunkColumns? Columns, string? Problem)> ReadAsync(ReadOnlyMemory<byte> file, ChunkKey key, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new ReadOnlyMemoryStream(file);
            var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            var footer = ChunkFileFooter.FromMetadata(reader.CustomMetadata);
            if (footer is null)
            {
                return (null, "the footer has no complete tickcache metadata");
            }

            if (footer.FormatVersion != key.FormatVersion || !string.Equals(footer.KeyMaterial, key.Material, StringComparison.Ordinal))
            {
                return (null, $"the footer names another chunk (format {footer.FormatVersion}, key '{footer.KeyMaterial.Replace('\n', '|')}')");
            }

            var schema = DatasetSchemas.For(key.DataType);
            if (footer.Rows == 0)
            {
                return (ChunkColumns.Empty(schema), null);
            }

            if (reader.RowGroupCount != 1 || reader.RowGroups[0].RowCount != footer.Rows)
            {
                return (null, $"the file holds {reader.RowGroupCount} row groups, expected one of {footer.Rows} rows");
            }

            var columns = await ReadColumnsAsync(reader, schema, (int)footer.Rows, footer.Symbols, cancellationToken).ConfigureAwait(false);
            var hash = columns.ComputeContentHash();
            return hash == footer.ContentHash ? (columns, null) : (null, $"the content hash is {hash:x16}, the footer says {footer.ContentHash:x16}");
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or ArgumentException or NotSupportedException or IndexOutOfRangeException or OverflowException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            return (null, $"it cannot be read as Parquet ({e.GetType().Name}: {e.Message})");
        }
    }

    private static DataField FieldFor(ColumnSpec spec, ChunkColumns columns) => spec.Kind switch
    {
        ColumnKind.Int64 => new DataField<long>(ParquetName(spec.Name)),
        ColumnKind.Double => new DataField<double>(ParquetName(spec.Name)),
        ColumnKind.Enum or ColumnKind.Bool => new DataField<byte>(ParquetName(spec.Name)),
        ColumnKind.Text => new DataField<string>(ParquetName(spec.Name), false),
        _ => columns.NumericIds is null ? new DataField<string>(IdName, false) : new DataField<long>(IdName),
    };

    private static async Task<ChunkColumns> ReadColumnsAsync(ParquetReader reader, DatasetSchema schema, int rows, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        using var group = reader.OpenRowGroupReader(0);
        var int64 = new long[schema.Int64Count][];
        var doubles = new double[schema.DoubleCount][];
        var bytes = new byte[schema.ByteCount][];
        var text = new string[schema.TextCount][];
        long[]? numericIds = null;
        string[]? stringIds = null;
        foreach (var spec in schema.Columns)
        {
            var field = fields[spec.Kind == ColumnKind.Id ? IdName : ParquetName(spec.Name)];
            switch (spec.Kind)
            {
                case ColumnKind.Int64:
                    int64[spec.Slot] = await ReadAsync<long>(group, field, rows, cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Double:
                    doubles[spec.Slot] = await ReadAsync<double>(group, field, rows, cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Enum or ColumnKind.Bool:
                    bytes[spec.Slot] = await ReadAsync<byte>(group, field, rows, cancellationToken).ConfigureAwait(false);
                    break;
                case ColumnKind.Text:
                    text[spec.Slot] = await ReadStringsAsync(group, field, rows, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    if (field.ClrType == typeof(long))
                    {
                        numericIds = await ReadAsync<long>(group, field, rows, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        stringIds = await ReadStringsAsync(group, field, rows, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        int[]? codes = fields.TryGetValue(SymbolCodeName, out var symbolField) ? await ReadAsync<int>(group, symbolField, rows, cancellationToken).ConfigureAwait(false) : null;
        return new ChunkColumns(schema, rows, int64, doubles, bytes, text, numericIds, stringIds, [.. symbols], codes);
    }

    private static async Task<T[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[rows];
        await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return values;
    }

    private static async Task<string[]> ReadStringsAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows];
        await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Array.ConvertAll(values, s => s ?? string.Empty);
    }
}
