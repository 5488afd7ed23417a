using Parquet;
using Parquet.Schema;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// The one place that calls Parquet.Net: writes a chunk's <see cref="TradeColumns"/> as one Parquet row group with the
/// <see cref="ChunkFileFooter"/> in the key-value metadata, and reads it back, verifying key, format version, row count
/// and content hash. Columns: <c>timestamp</c> int64, <c>local_timestamp</c> int64, <c>id</c> int64 or UTF-8 string,
/// <c>side</c> uint8 (<see cref="TradeSide"/>), <c>price</c> double, <c>amount</c> double.
/// </summary>
internal static class TradesParquetCodec
{
    private const string TimestampName = "timestamp";
    private const string LocalTimestampName = "local_timestamp";
    private const string IdName = "id";
    private const string SideName = "side";
    private const string PriceName = "price";
    private const string AmountName = "amount";

    public static async Task WriteAsync(Stream destination, ChunkKey key, TradeColumns columns, ParquetLayout layout, CancellationToken cancellationToken)
    {
        // Fields belong to the schema they were built with (Parquet.Net attaches them), so every file gets its own.
        var timestamp = new DataField<long>(TimestampName);
        var localTimestamp = new DataField<long>(LocalTimestampName);
        var numericId = new DataField<long>(IdName);
        var stringId = new DataField<string>(IdName, false);
        var side = new DataField<byte>(SideName);
        var price = new DataField<double>(PriceName);
        var amount = new DataField<double>(AmountName);
        var schema = new ParquetSchema(timestamp, localTimestamp, columns.NumericIds is null ? stringId : numericId, side, price, amount);
        var options = new ParquetOptions { CompressionMethod = layout.Compression, CompressionLevel = layout.Level };
        if (layout.DeltaIntegers)
        {
            options.ColumnEncodingHints[timestamp.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
            options.ColumnEncodingHints[localTimestamp.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
            if (columns.NumericIds is not null)
            {
                options.ColumnEncodingHints[numericId.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
            }
        }

        if (layout.ByteStreamSplitDoubles)
        {
            options.ColumnEncodingHints[price.Path.ToString()] = EncodingHint.ByteSplitStream;
            options.ColumnEncodingHints[amount.Path.ToString()] = EncodingHint.ByteSplitStream;
        }

        var (min, max) = columns.Count == 0 ? (0L, 0L) : columns.TimestampBounds;
        var footer = new ChunkFileFooter(key.FormatVersion, key.Material, columns.Count, min, max, columns.ComputeContentHash(), columns.SourceSymbol ?? key.Symbol);
        var n = columns.Count;
        var writer = await ParquetWriter.CreateAsync(schema, destination, options, append: false, cancellationToken).ConfigureAwait(false);
        await using var disposeWriter = writer.ConfigureAwait(false);
        writer.CustomMetadata = footer.ToMetadata();
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(timestamp, new ReadOnlyMemory<long>(columns.Timestamps, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(localTimestamp, new ReadOnlyMemory<long>(columns.LocalTimestamps, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (columns.NumericIds is { } ids)
        {
            await group.WriteAsync(numericId, new ReadOnlyMemory<long>(ids, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await group.WriteAsync(stringId, new ArraySegment<string>(columns.StringIds!, 0, n)).ConfigureAwait(false);
        }

        var sides = System.Runtime.InteropServices.MemoryMarshal.Cast<TradeSide, byte>(columns.Sides.AsSpan(0, n)).ToArray();
        await group.WriteAsync(side, new ReadOnlyMemory<byte>(sides), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(price, new ReadOnlyMemory<double>(columns.Prices, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(amount, new ReadOnlyMemory<double>(columns.Amounts, 0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads and verifies a chunk file held in memory. Returns null with a reason when the file is not the expected
    /// chunk or fails verification; throws only for cancellation.
    /// </summary>
    public static async Task<(TradeColumns? Columns, string? Problem)> ReadAsync(ReadOnlyMemory<byte> file, ChunkKey key, CancellationToken cancellationToken)
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

            var rows = footer.Rows;
            if (rows == 0)
            {
                return (TradeColumns.Empty, null);
            }

            if (reader.RowGroupCount != 1 || reader.RowGroups[0].RowCount != rows)
            {
                return (null, $"the file holds {reader.RowGroupCount} row groups, expected one of {rows} rows");
            }

            var columns = await ReadColumnsAsync(reader, (int)rows, footer.Symbol, cancellationToken).ConfigureAwait(false);
            var hash = columns.ComputeContentHash();
            return hash == footer.ContentHash ? (columns, null) : (null, $"the content hash is {hash:x16}, the footer says {footer.ContentHash:x16}");
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or ArgumentException or NotSupportedException or IndexOutOfRangeException or OverflowException or FormatException)
        {
            return (null, $"it cannot be read as Parquet ({e.GetType().Name}: {e.Message})");
        }
    }

    private static async Task<TradeColumns> ReadColumnsAsync(ParquetReader reader, int rows, string symbol, CancellationToken cancellationToken)
    {
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        using var group = reader.OpenRowGroupReader(0);
        var ts = new long[rows];
        var local = new long[rows];
        var sides = new TradeSide[rows];
        var prices = new double[rows];
        var amounts = new double[rows];
        await group.ReadAsync(fields[TimestampName], ts.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.ReadAsync(fields[LocalTimestampName], local.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        long[]? numeric = null;
        string[]? strings = null;
        var idField = fields[IdName];
        if (idField.ClrType == typeof(long))
        {
            numeric = new long[rows];
            await group.ReadAsync(idField, numeric.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var read = new string?[rows];
            await group.ReadAsync(idField, read.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            strings = Array.ConvertAll(read, s => s ?? string.Empty);
        }

        var sideBytes = new byte[rows];
        await group.ReadAsync(fields[SideName], sideBytes.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        sideBytes.AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<TradeSide, byte>(sides.AsSpan()));
        await group.ReadAsync(fields[PriceName], prices.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.ReadAsync(fields[AmountName], amounts.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new TradeColumns(rows, ts, local, numeric, strings, sides, prices, amounts) { SourceSymbol = symbol };
    }
}
