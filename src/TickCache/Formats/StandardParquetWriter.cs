using System.Buffers;
using System.Globalization;
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
internal sealed class StandardParquetWriter
{
    public const string SymbolName = "symbol";
    public const string ExchangeName = "exchange";
    public const string IdName = "id";

    /// <summary>Key-value metadata naming an enum column's codes, e.g. <c>tickcache.codes.side = 1=buy;2=sell;0=unknown</c>.</summary>
    public const string CodesPrefix = "tickcache.codes.";

    private readonly DatasetSchema _schema;
    private readonly List<DataField> _fields;
    private readonly DataField? _exchangeField;
    private readonly DataField? _symbolField;
    private readonly TailCaptureStream _output;
    private readonly ParquetWriter _writer;
    private readonly Stream _destination;
    private readonly ParquetOptions _options;
    private readonly ParquetLayout _layout;

    private StandardParquetWriter(DatasetSchema schema, List<DataField> fields, DataField? exchangeField, DataField? symbolField, TailCaptureStream output, ParquetWriter writer, Stream destination, ParquetOptions options, ParquetLayout layout)
    {
        _options = options;
        _layout = layout;
        _schema = schema;
        _fields = fields;
        _exchangeField = exchangeField;
        _symbolField = symbolField;
        _output = output;
        _writer = writer;
        _destination = destination;
    }

    /// <summary>Whether the file's <c>id</c> column is INT64 (else UTF-8).</summary>
    public bool NumericIds { get; private init; }

    /// <summary>Writes the L2 file of a chunk: one row group, the chunk footer in the metadata.</summary>
    public static async Task WriteAsync(Stream destination, ChunkKey key, ChunkColumns columns, ParquetLayout layout, CancellationToken cancellationToken)
    {
        var (min, max) = columns.Count == 0 ? (0L, 0L) : columns.TimestampBounds;
        var footer = new ChunkFileFooter(key.FormatVersion, key.Material, columns.Count, min, max, columns.ComputeContentHash(), columns.Symbols, new Dictionary<string, int>());
        var dense = columns.Schema.Columns.Where(c => c.Kind == ColumnKind.Double && !HasMissing(columns.Doubles[c.Slot].AsSpan(0, columns.Count))).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var file = await CreateAsync(destination, columns.Schema, columns.NumericIds is not null, symbols: columns.SymbolCodes is not null, exchanges: false, layout, footer.ToMetadata(), cancellationToken, dense).ConfigureAwait(false);
        await file.WriteRowGroupAsync(columns, 0, columns.Count, exchange: null, cancellationToken).ConfigureAwait(false);
        await file.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a file of <paramref name="schema"/>'s columns (plus <c>exchange</c> and/or <c>symbol</c> string columns
    /// first when asked) with <paramref name="metadata"/> and the enum code tables in its footer. Write row groups, then
    /// <see cref="CompleteAsync"/>; pages go to <paramref name="destination"/> as they are encoded. The double columns
    /// named in <paramref name="denseDoubles"/> have no missing cell in any row group and are written REQUIRED (pages of
    /// bare values, which a reader can decompress straight into its column); the others OPTIONAL, nulls for NaN.
    /// </summary>
    public static async Task<StandardParquetWriter> CreateAsync(Stream destination, DatasetSchema schema, bool numericIds, bool symbols, bool exchanges, ParquetLayout layout, Dictionary<string, string> metadata, CancellationToken cancellationToken, IReadOnlySet<string>? denseDoubles = null)
    {
        var fields = schema.Columns.Select(c => FieldFor(c, numericIds, denseDoubles?.Contains(c.Name) == true)).ToList();
        var exchangeField = exchanges ? new DataField<string>(ExchangeName, false) : null;
        var symbolField = symbols ? new DataField<string>(SymbolName, false) : null;
        var parquetSchema = new ParquetSchema(new[] { exchangeField, symbolField }.OfType<DataField>().Concat(fields).ToList());
        var options = new ParquetOptions { CompressionMethod = layout.Compression, CompressionLevel = layout.Level };
        foreach (var field in parquetSchema.DataFields.Where(IsDeltaInteger))
        {
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
        }

        foreach (var spec in schema.Columns.Where(c => c.Kind == ColumnKind.Enum))
        {
            metadata[CodesPrefix + ParquetChunkCodec.ParquetName(spec.Name)] = string.Join(';', spec.EnumCodes!.Zip(spec.EnumWords!, (code, word) => $"{code}={word}"));
        }

        metadata[FileSeal.Key] = FileSeal.Placeholder; // sealed when the file completes
        var output = new TailCaptureStream(destination);
        var writer = await ParquetWriter.CreateAsync(parquetSchema, output, options, append: false, cancellationToken).ConfigureAwait(false);
        writer.CustomMetadata = metadata;
        return new StandardParquetWriter(schema, fields, exchangeField, symbolField, output, writer, destination, options, layout) { NumericIds = numericIds };
    }

    /// <summary>Writes rows [<paramref name="offset"/>, +<paramref name="count"/>) of <paramref name="columns"/> as one row group.</summary>
    /// <exception cref="InvalidOperationException">The rows' ids are text and the file's id column is INT64.</exception>
    public async Task WriteRowGroupAsync(ChunkColumns columns, int offset, int count, string? exchange, CancellationToken cancellationToken)
    {
        if (NumericIds && columns.NumericIds is null)
        {
            throw new InvalidOperationException("These rows have text ids, and the file's id column is INT64 (set by its first rows): write them to another file.");
        }

        using var group = _writer.CreateRowGroup();
        _options.CompressionMethod = _layout.Compression;
        if (_exchangeField is not null)
        {
            await WriteStringsAsync(group, _exchangeField, count, _ => exchange).ConfigureAwait(false);
        }

        if (_symbolField is not null)
        {
            await WriteStringsAsync(group, _symbolField, count, i => columns.SymbolAt(offset + i)).ConfigureAwait(false);
        }

        for (var c = 0; c < _schema.Columns.Count; c++)
        {
            // Parquet.Net takes the codec from the options as each column starts: int64 delta pages may go uncompressed.
            _options.CompressionMethod = _layout.RawIntegers && IsDeltaInteger(_fields[c]) ? CompressionMethod.None : _layout.Compression;
            await WriteColumnAsync(group, _fields[c], _schema.Columns[c], columns, offset, count, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the file: the footer, with the µs instants annotated TIMESTAMP(MICROS, UTC), the enum codes UINT_8 and the <see cref="FileSeal"/> written, goes to the destination last.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _output.Capture();
        await _writer.DisposeAsync().ConfigureAwait(false);
        var instants = _schema.Columns.Where(c => c.Instant).Select(c => ParquetChunkCodec.ParquetName(c.Name)).ToHashSet(StringComparer.Ordinal);
        var codes = _schema.Columns.Where(c => c.Kind == ColumnKind.Enum).Select(c => ParquetChunkCodec.ParquetName(c.Name)).ToHashSet(StringComparer.Ordinal);
        var footer = ParquetFooter.Annotate(_output.Tail, instants, codes);
        FileSeal.Seal(_output.Head, footer);
        await _destination.WriteAsync(footer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The v3 field of a column (the reader builds the same ones to read physical values); <paramref name="dense"/>: a double column written REQUIRED.</summary>
    public static DataField FieldFor(ColumnSpec spec, bool numericIds, bool dense = false) => spec.Kind switch
    {
        ColumnKind.Int64 when spec.Optional => new DataField<long?>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Int64 => new DataField<long>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Double when dense => new DataField<double>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Double => new DataField<double?>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Bool => new DataField<bool>(ParquetChunkCodec.ParquetName(spec.Name)),
        ColumnKind.Enum => new DataField<int>(ParquetChunkCodec.ParquetName(spec.Name)), // DELTA_BINARY_PACKED, annotated UINT_8 in the footer
        ColumnKind.Text => new DataField<string>(ParquetChunkCodec.ParquetName(spec.Name), true),
        _ => numericIds ? new DataField<long>(IdName) : new DataField<string>(IdName, true),
    };

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, ColumnSpec spec, ChunkColumns columns, int offset, int n, CancellationToken cancellationToken)
    {
        switch (spec.Kind)
        {
            case ColumnKind.Int64 when spec.Optional:
                await WriteNullableAsync<long>(group, field, columns.Int64[spec.Slot].AsMemory(offset, n), static v => v == ColumnSpec.MissingInt64, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Int64:
                await group.WriteAsync(field, new ReadOnlyMemory<long>(columns.Int64[spec.Slot], offset, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Double when !field.IsNullable:
                await group.WriteAsync(field, new ReadOnlyMemory<double>(columns.Doubles[spec.Slot], offset, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Double:
                await WriteNullableAsync<double>(group, field, columns.Doubles[spec.Slot].AsMemory(offset, n), double.IsNaN, cancellationToken).ConfigureAwait(false);
                break;
            case ColumnKind.Bool:
                var bools = ColumnPool.Rent<bool>(n);
                var bytes = columns.Bytes[spec.Slot];
                for (var i = 0; i < n; i++)
                {
                    bools[i] = bytes[offset + i] != 0;
                }

                await group.WriteAsync(field, new ReadOnlyMemory<bool>(bools, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                ColumnPool.Return(bools);
                break;
            case ColumnKind.Enum:
                var codes = ColumnPool.Rent<int>(n);
                var source = columns.Bytes[spec.Slot];
                for (var i = 0; i < n; i++)
                {
                    codes[i] = source[offset + i];
                }

                await group.WriteAsync(field, new ReadOnlyMemory<int>(codes, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                ColumnPool.Return(codes);
                break;
            case ColumnKind.Text:
                var text = columns.Text[spec.Slot];
                await WriteStringsAsync(group, field, n, i => text[offset + i].Length == 0 ? null : text[offset + i]).ConfigureAwait(false);
                break;
            default:
                if (field.ClrType == typeof(long))
                {
                    await group.WriteAsync(field, new ReadOnlyMemory<long>(columns.NumericIds!, offset, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else if (columns.NumericIds is { } numbers)
                {
                    await WriteStringsAsync(group, field, n, i => numbers[offset + i].ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                }
                else
                {
                    var strings = columns.StringIds!;
                    await WriteStringsAsync(group, field, n, i => strings[offset + i].Length == 0 ? null : strings[offset + i]).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>An INT64 or INT32 field: written DELTA_BINARY_PACKED (and in uncompressed pages under <see cref="ParquetLayout.RawIntegers"/>).</summary>
    private static bool IsDeltaInteger(DataField field) => field.ClrType == typeof(long) || field.ClrType == typeof(int);

    private static bool HasMissing(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the present values densely with definition levels (0 where <paramref name="isMissing"/>).</summary>
    private static async Task WriteNullableAsync<T>(ParquetRowGroupWriter group, DataField field, ReadOnlyMemory<T> values, Func<T, bool> isMissing, CancellationToken cancellationToken)
        where T : struct
    {
        var n = values.Length;
        var levels = ColumnPool.Rent<int>(n);
        var dense = ColumnPool.Rent<T>(n); // long or double: a day's column, pooled like the decoded ones
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
            ColumnPool.Return(levels);
            ColumnPool.Return(dense);
        }
    }

    private static async Task WriteStringsAsync(ParquetRowGroupWriter group, DataField field, int n, Func<int, string?> cell)
    {
        var strings = ArrayPool<string?>.Shared.Rent(Math.Max(n, 1));
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
}
