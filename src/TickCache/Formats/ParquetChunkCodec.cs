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
/// large chunks) verifying key, format version, row count and content hash.
/// </summary>
internal static class ParquetChunkCodec
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

    /// <summary>
    /// Reads and verifies a chunk file held in memory. Returns null with a reason when the file is not the expected
    /// chunk or fails verification; throws only for cancellation.
    /// </summary>
    /// <param name="file">The whole file.</param>
    /// <param name="key">The chunk it must be.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="ownPages">Whether v3 numeric columns go through <see cref="PageColumnReader"/> (false: all through Parquet.Net; tests compare the two).</param>
    public static async Task<(ChunkColumns? Columns, string? Problem)> ReadAsync(ReadOnlyMemory<byte> file, ChunkKey key, CancellationToken cancellationToken, bool ownPages = true)
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

            if (footer.FileHash is { } seal && !FileSeal.Verify(file.Span, seal))
            {
                return (null, $"the file does not hash to its seal {seal:x16}");
            }

            var pages = footer.FormatVersion >= 3 && ownPages && PageLayout.TryRead(file.Span) is { } layout ? new PageColumnReader(file, layout) : null;
            var columns = await ReadColumnsAsync(file, reader, schema, footer, pages, cancellationToken).ConfigureAwait(false);
            if (footer.FileHash is not null)
            {
                return await CheckBoundsAsync(file, reader, schema, footer, columns, pages, cancellationToken).ConfigureAwait(false);
            }

            var hash = columns.ComputeContentHash();
            if (hash != footer.ContentHash && pages is not null)
            {
                // Our page decoder and Parquet.Net disagree, or the file is damaged: Parquet.Net, the reader of record, decides.
                columns.Release();
                columns = await ReadColumnsAsync(file, reader, schema, footer, pages: null, cancellationToken).ConfigureAwait(false);
                hash = columns.ComputeContentHash();
            }

            if (hash == footer.ContentHash)
            {
                return (columns, null);
            }

            columns.Release();
            return (null, $"the content hash is {hash:x16}, the footer says {footer.ContentHash:x16}");
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // The file is untrusted input: whatever a damaged file makes Parquet.Net throw (e.g. its
        // ThriftProtocolException on a corrupt page header) means "not this chunk", never an exception to the caller.
        // Running out of memory says nothing about the file: it must not get a good file quarantined.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return (null, $"it cannot be read as Parquet ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>
    /// A sealed file's bytes are verified; what remains is the decode. The time bounds the footer records are a cheap
    /// check of it (they are computed for the range trim anyway): when our page decoder's columns miss them, Parquet.Net,
    /// the reader of record, reads the file again and decides.
    /// </summary>
    private static async Task<(ChunkColumns? Columns, string? Problem)> CheckBoundsAsync(ReadOnlyMemory<byte> file, ParquetReader reader, DatasetSchema schema, ChunkFileFooter footer, ChunkColumns columns, PageColumnReader? pages, CancellationToken cancellationToken)
    {
        var expected = (footer.MinTimestamp, footer.MaxTimestamp);
        var bounds = columns.TimestampBounds;
        if (bounds != expected && pages is not null)
        {
            columns.Release();
            columns = await ReadColumnsAsync(file, reader, schema, footer, pages: null, cancellationToken).ConfigureAwait(false);
            bounds = columns.TimestampBounds;
        }

        if (bounds == expected)
        {
            return (columns, null);
        }

        columns.Release();
        return (null, $"the timestamps span [{bounds.Min}, {bounds.Max}], the footer says [{expected.MinTimestamp}, {expected.MaxTimestamp}]");
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

    private static async Task<ChunkColumns> ReadColumnsAsync(ReadOnlyMemory<byte> file, ParquetReader reader, DatasetSchema schema, ChunkFileFooter footer, PageColumnReader? pages, CancellationToken cancellationToken)
    {
        var rows = (int)footer.Rows;
        var target = new ColumnTarget(schema);
        var standard = footer.FormatVersion >= 3;
        var symbolName = standard ? StandardParquetWriter.SymbolName : SymbolCodeName;
        var hasCodes = reader.Schema.DataFields.Any(f => f.Name == symbolName);
        var count = schema.Columns.Count + (hasCodes ? 1 : 0);

        // Columns are independent: each worker reads every workers-th column through its own reader over the same bytes.
        var workers = rows >= ParallelReadRows ? Math.Min(Environment.ProcessorCount, count) : 1;
        var parts = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            parts[w] = worker == 0
                ? ReadPartAsync(reader, worker)
                : Task.Run(
                    async () =>
                    {
                        using var stream = new ReadOnlyMemoryStream(file);
                        var own = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                        await using var disposeOwn = own.ConfigureAwait(false);
                        await ReadPartAsync(own, worker).ConfigureAwait(false);
                    },
                    cancellationToken);
        }

        try
        {
            await Task.WhenAll(parts).ConfigureAwait(false);
        }
        catch
        {
            // Every worker has stopped (WhenAll waits for all): nobody else has seen the rented arrays.
            target.Rental.Release();
            throw;
        }

        return new ChunkColumns(schema, rows, target.Int64, target.Doubles, target.Bytes, target.Text, target.NumericIds, target.StringIds, [.. footer.Symbols], target.SymbolCodes, target.Rental);

        async Task ReadPartAsync(ParquetReader own, int worker)
        {
            var ownFields = own.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
            if (standard)
            {
                ownFields = StandardParquetReader.Fields(schema, own.Schema.DataFields);
            }

            using var group = own.OpenRowGroupReader(0);
            for (var c = worker; c < count; c += workers)
            {
                if (c == schema.Columns.Count)
                {
                    target.SymbolCodes = standard
                        ? await StandardParquetReader.ReadSymbolCodesAsync(group, ownFields[symbolName], rows, footer.Symbols, target.Rental, cancellationToken).ConfigureAwait(false)
                        : await ReadAsync<int>(group, ownFields[SymbolCodeName], rows, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var spec = schema.Columns[c];
                var field = ownFields[spec.Kind == ColumnKind.Id ? IdName : ParquetName(spec.Name)];
                if (pages?.TryRead(field.Name, spec, rows, target) == true)
                {
                    continue;
                }

                await (standard
                    ? StandardParquetReader.ReadColumnAsync(group, field, spec, rows, target, cancellationToken)
                    : ReadColumnAsync(group, field, spec, rows, footer, target, cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    private static async Task ReadColumnAsync(ParquetRowGroupReader group, DataField field, ColumnSpec spec, int rows, ChunkFileFooter footer, ColumnTarget target, CancellationToken cancellationToken)
    {
        switch (spec.Kind)
        {
            case ColumnKind.Int64:
                target.Int64[spec.Slot] = await ReadAsync<long>(group, field, rows, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Double when field.ClrType == typeof(long):
                var scale = footer.DecimalScales.TryGetValue(field.Name, out var s)
                    ? s
                    : throw new InvalidDataException($"Column '{field.Name}' is int64 but the footer has no decimal scale for it.");
                var values = new double[rows];
                using (var asInt64 = new DoublesAsInt64Memory(values))
                {
                    await group.ReadAsync(field, asInt64.Memory, cancellationToken: cancellationToken).ConfigureAwait(false);
                    DecimalColumn.Decode(asInt64.GetSpan(), scale, values);
                }

                target.Doubles[spec.Slot] = values;
                break;
            case ColumnKind.Double:
                target.Doubles[spec.Slot] = await ReadAsync<double>(group, field, rows, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Enum or ColumnKind.Bool:
                target.Bytes[spec.Slot] = await ReadAsync<byte>(group, field, rows, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Text:
                target.Text[spec.Slot] = await ReadStringsAsync(group, field, rows, cancellationToken).ConfigureAwait(false);
                break;
            default:
                if (field.ClrType == typeof(long))
                {
                    target.NumericIds = await ReadAsync<long>(group, field, rows, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    target.StringIds = await ReadStringsAsync(group, field, rows, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
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
