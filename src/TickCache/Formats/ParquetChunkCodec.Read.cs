using Parquet;
using Parquet.Schema;
using TickCache.Formats.Pages;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>The read side of <see cref="ParquetChunkCodec"/>: verifies a chunk file and decodes its columns.</summary>
internal static partial class ParquetChunkCodec
{
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
        ParquetReader? reader = null;
        try
        {
            // Our own footer parse serves a v3 file our page reader decodes whole; Parquet.Net opens the file only for
            // other files and for the columns the page reader declines.
            var layout = ownPages ? TryLayout(file.Span) : null;
            reader = layout is null ? await OpenAsync(file, cancellationToken).ConfigureAwait(false) : null;
            var footer = ChunkFileFooter.FromMetadata(layout?.Metadata ?? reader!.CustomMetadata);
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

            var (groups, groupRows) = layout is not null ? (1, layout.Rows) : (reader!.RowGroupCount, reader.RowGroupCount == 1 ? reader.RowGroups[0].RowCount : -1);
            if (groups != 1 || groupRows != footer.Rows)
            {
                return (null, $"the file holds {groups} row groups, expected one of {footer.Rows} rows");
            }

            if (footer.FileHash is { } seal && !FileSeal.Verify(file.Span, seal))
            {
                return (null, $"the file does not hash to its seal {seal:x16}");
            }

            var pages = footer.FormatVersion >= 3 && layout is not null ? new PageColumnReader(file, layout) : null;
            var symbolName = footer.FormatVersion >= 3 ? StandardParquetWriter.SymbolName : SymbolCodeName;
            var hasSymbols = layout?.Chunk(symbolName) is not null || reader?.Schema.DataFields.Any(f => f.Name == symbolName) == true;
            var read = new FileRead(file, reader, schema, footer, hasSymbols ? symbolName : null);
            var columns = await ReadColumnsAsync(read, pages, cancellationToken).ConfigureAwait(false);
            if (footer.FileHash is not null)
            {
                return await CheckBoundsAsync(read, columns, pages, cancellationToken).ConfigureAwait(false);
            }

            var hash = columns.ComputeContentHash();
            if (hash != footer.ContentHash && pages is not null)
            {
                // Our page decoder and Parquet.Net disagree, or the file is damaged: Parquet.Net, the reader of record, decides.
                columns.Release();
                columns = await ReadColumnsAsync(read, pages: null, cancellationToken).ConfigureAwait(false);
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
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A sealed file's bytes are verified; what remains is the decode. The time bounds the footer records are a cheap
    /// check of it (they are computed for the range trim anyway): when our page decoder's columns miss them, Parquet.Net,
    /// the reader of record, reads the file again and decides.
    /// </summary>
    private static async Task<(ChunkColumns? Columns, string? Problem)> CheckBoundsAsync(FileRead read, ChunkColumns columns, PageColumnReader? pages, CancellationToken cancellationToken)
    {
        var expected = (read.Footer.MinTimestamp, read.Footer.MaxTimestamp);
        var bounds = columns.TimestampBounds;
        if (bounds != expected && pages is not null)
        {
            columns.Release();
            columns = await ReadColumnsAsync(read, pages: null, cancellationToken).ConfigureAwait(false);
            bounds = columns.TimestampBounds;
        }

        if (bounds == expected)
        {
            return (columns, null);
        }

        columns.Release();
        return (null, $"the timestamps span [{bounds.Min}, {bounds.Max}], the footer says [{expected.MinTimestamp}, {expected.MaxTimestamp}]");
    }

    /// <summary>Our page layout, or null when it cannot be had (not flat, several row groups, a footer our Thrift codec does not take: then Parquet.Net decides).</summary>
    private static PageLayout? TryLayout(ReadOnlySpan<byte> file)
    {
        try
        {
            return PageLayout.TryRead(file);
        }
#pragma warning disable CA1031 // Declining is always safe: Parquet.Net then reads the file and judges it.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static async Task<ParquetReader> OpenAsync(ReadOnlyMemory<byte> file, CancellationToken cancellationToken) =>
        await ParquetReader.CreateAsync(new ReadOnlyMemoryStream(file), leaveStreamOpen: false, cancellationToken: cancellationToken).ConfigureAwait(false);

    private static async Task<ChunkColumns> ReadColumnsAsync(FileRead read, PageColumnReader? pages, CancellationToken cancellationToken)
    {
        var (schema, footer) = (read.Schema, read.Footer);
        var rows = (int)footer.Rows;
        var target = new ColumnTarget(schema);
        var standard = footer.FormatVersion >= 3;
        var count = schema.Columns.Count + (read.SymbolColumn is null ? 0 : 1);

        // Columns are independent: each worker reads every workers-th column, through our page reader or, for what it
        // declines, a Parquet.Net reader of its own over the same bytes (opened on first need; worker 0 may share one).
        var workers = rows >= ParallelReadRows ? Math.Min(Environment.ProcessorCount, count) : 1;
        var parts = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            parts[w] = worker == 0 ? ReadPartAsync(read.Reader, worker) : Task.Run(() => ReadPartAsync(null, worker), cancellationToken);
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

        async Task ReadPartAsync(ParquetReader? shared, int worker)
        {
            ParquetReader? own = null;
            ParquetRowGroupReader? group = null;
            Dictionary<string, DataField>? fields = null;
            try
            {
                for (var c = worker; c < count; c += workers)
                {
                    var spec = c < schema.Columns.Count ? schema.Columns[c] : null;
                    var name = spec is null ? read.SymbolColumn! : spec.Kind == ColumnKind.Id ? IdName : ParquetName(spec.Name);
                    if (spec is not null && pages?.TryRead(name, spec, rows, target) == true)
                    {
                        continue;
                    }

                    if (group is null)
                    {
                        var reader = shared ?? (own = await OpenAsync(read.File, cancellationToken).ConfigureAwait(false));
                        fields = standard ? StandardParquetReader.Fields(schema, reader.Schema.DataFields) : reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
                        group = reader.OpenRowGroupReader(0);
                    }

                    var field = fields![name];
                    await (spec is null
                        ? ReadSymbolCodesAsync(group, field, rows, footer, standard, target, cancellationToken)
                        : standard
                            ? StandardParquetReader.ReadColumnAsync(group, field, spec, rows, target, cancellationToken)
                            : ReadColumnAsync(group, field, spec, rows, footer, target, cancellationToken)).ConfigureAwait(false);
                }
            }
            finally
            {
                group?.Dispose();
                if (own is not null)
                {
                    await own.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task ReadSymbolCodesAsync(ParquetRowGroupReader group, DataField field, int rows, ChunkFileFooter footer, bool standard, ColumnTarget target, CancellationToken cancellationToken) =>
        target.SymbolCodes = standard
            ? await StandardParquetReader.ReadSymbolCodesAsync(group, field, rows, footer.Symbols, target.Rental, cancellationToken).ConfigureAwait(false)
            : await ReadAsync<int>(group, field, rows, cancellationToken).ConfigureAwait(false);

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

    /// <summary>What every column read of one file shares: its bytes, Parquet.Net's reader when one is open, our schema, the footer, and the name of its symbol column (null when it has none).</summary>
    private sealed record FileRead(ReadOnlyMemory<byte> File, ParquetReader? Reader, DatasetSchema Schema, ChunkFileFooter Footer, string? SymbolColumn);
}
