using System.Buffers;
using Parquet;
using Parquet.Schema;
using TickCache.Formats.Pages;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// The one place that calls Parquet.Net: writes a chunk's <see cref="ChunkColumns"/> of any dataset type as one
/// Parquet row group — column names as in the Tardis CSV (<c>asks[0].price</c> becomes <c>asks_0_price</c>), encodings
/// per <see cref="ParquetLayout"/> (v2: int64 and decimal-valued doubles as exact scaled int64, DELTA_BINARY_PACKED),
/// enums and bools uint8, ids int64 or UTF-8, text UTF-8, and for grouped-symbol chunks an int32 <c>symbol_code</c>
/// into the footer's symbol list — with the <see cref="ChunkFileFooter"/> in the key-value metadata (v3, standard
/// Parquet, is <see cref="StandardParquetWriter"/>'s); reads v1, v2 and v3 files back (columns decoded in parallel on
/// large chunks, v3 numeric columns by <see cref="PageColumnReader"/>, Parquet.Net opened only for the rest) verifying
/// key, format version, row count and the <see cref="FileSeal"/> (or, in files without one, the content hash).
/// </summary>
internal static partial class ParquetChunkCodec
{
    private const string IdName = "id";
    private const string SymbolCodeName = "symbol_code";

    /// <summary>Below this many rows a chunk's columns are read on one thread (a reader per worker costs a footer parse).</summary>
    private const int ParallelReadRows = 65_536;

    public static string ParquetName(string csvName) => csvName.Replace("].", "_", StringComparison.Ordinal).Replace('[', '_');

    /// <exception cref="ArgumentException">The layout writes another format version than the key's (v1 files are only read).</exception>
    public static async Task WriteAsync(Stream destination, ChunkKey key, ChunkColumns columns, ParquetLayout layout, CancellationToken cancellationToken)
    {
        if (layout.FormatVersion != key.FormatVersion)
        {
            throw new ArgumentException($"Layout {layout.Name} writes format v{layout.FormatVersion}, the key is v{key.FormatVersion}.", nameof(layout));
        }

        if (layout.Standard)
        {
            await StandardParquetWriter.WriteAsync(destination, key, columns, layout, cancellationToken).ConfigureAwait(false);
            return;
        }

        var schema = columns.Schema;
        var n = columns.Count;
        var decimals = new (int Scale, long[] Mantissas)?[schema.DoubleCount];
        if (layout.DecimalDoubles)
        {
            foreach (var spec in schema.Columns.Where(c => c.Kind == ColumnKind.Double))
            {
                decimals[spec.Slot] = DecimalColumn.TryEncode(columns.Doubles[spec.Slot].AsSpan(0, n));
            }
        }

        try
        {
            await WriteFileAsync(destination, key, columns, layout, decimals, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var scaled in decimals)
            {
                if (scaled is { } rented)
                {
                    ArrayPool<long>.Shared.Return(rented.Mantissas);
                }
            }
        }
    }

    private static async Task WriteFileAsync(Stream destination, ChunkKey key, ChunkColumns columns, ParquetLayout layout, (int Scale, long[] Mantissas)?[] decimals, CancellationToken cancellationToken)
    {
        // Fields belong to the schema they were built with (Parquet.Net attaches them), so every file gets its own.
        var schema = columns.Schema;
        var n = columns.Count;
        var fields = schema.Columns.Select(c => FieldFor(c, columns, decimals)).ToList();
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
        var scales = schema.Columns.Where(c => c.Kind == ColumnKind.Double && decimals[c.Slot] is not null)
            .ToDictionary(c => ParquetName(c.Name), c => decimals[c.Slot]!.Value.Scale, StringComparer.Ordinal);
        var footer = new ChunkFileFooter(key.FormatVersion, key.Material, n, min, max, columns.ComputeContentHash(), columns.Symbols, scales);
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
                case ColumnKind.Double when decimals[spec.Slot] is { } scaled:
                    await group.WriteAsync(field, new ReadOnlyMemory<long>(scaled.Mantissas, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
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

    private static DataField FieldFor(ColumnSpec spec, ChunkColumns columns, (int, long[])?[] decimals) => spec.Kind switch
    {
        ColumnKind.Int64 => new DataField<long>(ParquetName(spec.Name)),
        ColumnKind.Double when decimals[spec.Slot] is not null => new DataField<long>(ParquetName(spec.Name)),
        ColumnKind.Double => new DataField<double>(ParquetName(spec.Name)),
        ColumnKind.Enum or ColumnKind.Bool => new DataField<byte>(ParquetName(spec.Name)),
        ColumnKind.Text => new DataField<string>(ParquetName(spec.Name), false),
        _ => columns.NumericIds is null ? new DataField<string>(IdName, false) : new DataField<long>(IdName),
    };
}
