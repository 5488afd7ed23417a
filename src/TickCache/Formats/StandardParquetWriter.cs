using System.Buffers;
using Parquet;
using Parquet.Schema;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// Writes the L2 v3 file of a chunk, standard Parquet any tool reads right without our footer: µs instants as INT64
/// <c>TIMESTAMP(MICROS, isAdjustedToUTC=true)</c> (DELTA_BINARY_PACKED; the annotation by <see cref="ParquetFooter"/>);
/// decimal-valued columns as DOUBLE, the value <c>double.Parse</c> gives for the source's text (one type for every file,
/// so a glob over days never mixes types: per-file DECIMAL scales make DuckDB cast later files to the first file's
/// scale and round values to 0); a missing cell (NaN, <see cref="ColumnSpec.MissingInt64"/>, empty text or id) as a
/// Parquet null; enums as their byte codes (UINT8; the code → word table in <see cref="CodesPrefix"/> metadata and the
/// README: Parquet.Net reads a 2 M-row dictionary string column ~235 ms slower than the codes, measured in
/// DiskReadBenchmarks, triple the rest of the read); bools as BOOLEAN; ids INT64 or strings;
/// a grouped-symbol chunk's real <c>symbol</c> per row. Pages per <see cref="ParquetLayout"/>. Column names as
/// <see cref="ParquetChunkCodec.ParquetName"/> makes them. The <see cref="ChunkFileFooter"/> rides in the key-value metadata.
/// </summary>
internal static class StandardParquetWriter
{
    public const string SymbolName = "symbol";
    public const string IdName = "id";

    /// <summary>Key-value metadata naming an enum column's codes, e.g. <c>tickcache.codes.side = 1=buy;2=sell;0=unknown</c>.</summary>
    public const string CodesPrefix = "tickcache.codes.";

    public static async Task WriteAsync(Stream destination, ChunkKey key, ChunkColumns columns, ParquetLayout layout, CancellationToken cancellationToken)
    {
        var schema = columns.Schema;
        var fields = schema.Columns.Select(c => FieldFor(c, columns.NumericIds is not null)).ToList();
        DataField? symbolField = columns.SymbolCodes is null ? null : new DataField<string>(SymbolName, false);
        var parquetSchema = new ParquetSchema(symbolField is null ? fields : [.. fields, symbolField]);
        var options = new ParquetOptions { CompressionMethod = layout.Compression, CompressionLevel = layout.Level };
        foreach (var field in parquetSchema.DataFields.Where(f => f.ClrType == typeof(long)))
        {
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
        }

        var (min, max) = columns.Count == 0 ? (0L, 0L) : columns.TimestampBounds;
        var footer = new ChunkFileFooter(key.FormatVersion, key.Material, columns.Count, min, max, columns.ComputeContentHash(), columns.Symbols, new Dictionary<string, int>());
        using var file = new PooledWriteStream(reserve: 0);
        var writer = await ParquetWriter.CreateAsync(parquetSchema, file, options, append: false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var metadata = footer.ToMetadata();
            foreach (var spec in schema.Columns.Where(c => c.Kind == ColumnKind.Enum))
            {
                metadata[CodesPrefix + ParquetChunkCodec.ParquetName(spec.Name)] = string.Join(';', spec.EnumCodes!.Zip(spec.EnumWords!, (code, word) => $"{code}={word}"));
            }

            writer.CustomMetadata = metadata;
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < schema.Columns.Count; c++)
            {
                await WriteColumnAsync(group, fields[c], schema.Columns[c], columns, cancellationToken).ConfigureAwait(false);
            }

            if (symbolField is not null)
            {
                var symbols = Rent<string>(columns.Count);
                for (var i = 0; i < columns.Count; i++)
                {
                    symbols[i] = columns.Symbols[columns.SymbolCodes![i]];
                }

                await group.WriteAsync(symbolField, new ArraySegment<string>(symbols, 0, columns.Count)).ConfigureAwait(false);
                ArrayPool<string>.Shared.Return(symbols, clearArray: true);
            }
        }

        var instants = schema.Columns.Where(c => c.Instant).Select(c => ParquetChunkCodec.ParquetName(c.Name)).ToHashSet(StringComparer.Ordinal);
        using var annotated = ParquetFooter.AnnotateTimestamps(file.Written, instants);
        await destination.WriteAsync(annotated.Memory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The v3 field of a column (the reader builds the same ones to read physical values).</summary>
    public static DataField FieldFor(ColumnSpec spec, bool numericIds) => spec.Kind switch
    {
        ColumnKind.Int64 when spec.Optional => new DataField<long?>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Int64 => new DataField<long>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Double => new DataField<double?>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Bool => new DataField<bool>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Enum => new DataField<byte>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Text => new DataField<string>(ParquetChunkCodec.ParquetName(spec.Name), true),
        _ => numericIds ? new DataField<long>(IdName) : new DataField<string>(IdName, true),
    };

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, ColumnSpec spec, ChunkColumns columns, CancellationToken cancellationToken)
    {
        var n = columns.Count;
        switch (spec.Kind)
        {
            case ColumnKind.Int64 when spec.Optional:
                await WriteNullableAsync<long>(group, field, columns.Int64[spec.Slot].AsMemory(0, n), static v => v == ColumnSpec.MissingInt64, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Int64:
                await group.WriteAsync(field, new ReadOnlyMemory<long>(columns.Int64[spec.Slot], 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Double:
                await WriteNullableAsync<double>(group, field, columns.Doubles[spec.Slot].AsMemory(0, n), double.IsNaN, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Bool:
                var bools = Rent<bool>(n);
                var bytes = columns.Bytes[spec.Slot];
                for (var i = 0; i < n; i++)
                {
                    bools[i] = bytes[i] != 0;
                }

                await group.WriteAsync(field, new ReadOnlyMemory<bool>(bools, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                ArrayPool<bool>.Shared.Return(bools);
                break;
            case ColumnKind.Enum:
                await group.WriteAsync(field, new ReadOnlyMemory<byte>(columns.Bytes[spec.Slot], 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Text:
                var text = columns.Text[spec.Slot];
                await WriteStringsAsync(group, field, n, i => text[i].Length == 0 ? null : text[i]).ConfigureAwait(false);
                break;
            default:
                if (columns.NumericIds is { } ids)
                {
                    await group.WriteAsync(field, new ReadOnlyMemory<long>(ids, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var strings = columns.StringIds!;
                    await WriteStringsAsync(group, field, n, i => strings[i].Length == 0 ? null : strings[i]).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>Writes the present values densely with definition levels (0 where <paramref name="isMissing"/>).</summary>
    private static async Task WriteNullableAsync<T>(ParquetRowGroupWriter group, DataField field, ReadOnlyMemory<T> values, Func<T, bool> isMissing, CancellationToken cancellationToken)
        where T : struct
    {
        var n = values.Length;
        var levels = Rent<int>(n);
        var dense = Rent<T>(n);
        try
        {
            var present = 0;
            var span = values.Span;
            for (var i = 0; i < n; i++)
            {
                var missing = isMissing(span[i]);
                levels[i] = missing ? 0 : 1;
                dense[present] = span[i];
                present += missing ? 0 : 1;
            }

            await group.WriteAllPartsAsync(field, new ReadOnlyMemory<T>(dense, 0, present), new ReadOnlyMemory<int>(levels, 0, n), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
            ArrayPool<T>.Shared.Return(dense);
        }
    }

    private static async Task WriteStringsAsync(ParquetRowGroupWriter group, DataField field, int n, Func<int, string?> cell)
    {
        var strings = Rent<string?>(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                strings[i] = cell(i);
            }

            await group.WriteAsync(field, new ArraySegment<string>(strings!, 0, n)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(strings, clearArray: true);
        }
    }

    private static T[] Rent<T>(int n) => ArrayPool<T>.Shared.Rent(Math.Max(n, 1));
}
