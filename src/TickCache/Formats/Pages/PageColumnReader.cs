using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TickCache.Formats.Pages;

/// <summary>
/// Our own decode of the numeric columns of an L2 v3 file, straight from its pages into pooled arrays: data pages v1,
/// uncompressed or LZ4_RAW, INT64 as DELTA_BINARY_PACKED or PLAIN, DOUBLE as PLAIN, enum codes as INT32
/// DELTA_BINARY_PACKED or PLAIN,
/// definition levels for optional columns (nulls become NaN / <see cref="ColumnSpec.MissingInt64"/>). It exists because
/// Parquet.Net decompresses each page into a fresh array and decodes through generic machinery, about half of a warm
/// read's time and ~85 MB of garbage per 2 M-trade day. Anything else (dictionary pages, data pages v2, other codecs
/// and encodings, text and bool columns) — and any column whose pages this reader finds malformed — is declined, and
/// Parquet.Net, the reader of record, reads it. Checked against Parquet.Net on every golden file; the chunk's content
/// hash is verified after either. Thread-safe (parallel column readers share one instance).
/// </summary>
internal sealed class PageColumnReader(ReadOnlyMemory<byte> file, PageLayout layout)
{
    private const int DataPage = 0;
    private const int Int32Type = 1;
    private const int Int64Type = 2;
    private const int DoubleType = 5;
    private const int Uncompressed = 0;
    private const int Lz4Raw = 7;
    private const int Plain = 0;
    private const int DeltaBinaryPacked = 5;

    /// <summary>Decodes column <paramref name="name"/> into <paramref name="target"/>; false when it is left to Parquet.Net.</summary>
    public bool TryRead(string name, ColumnSpec spec, int rows, ColumnTarget target)
    {
        if (layout.Chunk(name) is not { } chunk || chunk.Values != rows || chunk.HasDictionary || chunk.Codec is not (Uncompressed or Lz4Raw))
        {
            return false;
        }

        try
        {
            switch (spec.Kind)
            {
                case ColumnKind.Int64 when chunk.PhysicalType == Int64Type:
                    target.Int64[spec.Slot] = Read<long>(chunk, rows, ColumnSpec.MissingInt64, target.Rental);
                    return true;
                case ColumnKind.Id when chunk.PhysicalType == Int64Type && !chunk.Optional:
                    target.NumericIds = Read<long>(chunk, rows, 0, target.Rental);
                    return true;
                case ColumnKind.Double when chunk.PhysicalType == DoubleType:
                    target.Doubles[spec.Slot] = Read<double>(chunk, rows, double.NaN, target.Rental);
                    return true;
                case ColumnKind.Enum when chunk.PhysicalType == Int32Type && !chunk.Optional:
                    target.Bytes[spec.Slot] = ReadCodes(chunk, rows, target.Rental);
                    return true;
                default:
                    return false;
            }
        }
#pragma warning disable CA1031 // Declining is always safe: Parquet.Net then reads the column, and the content hash decides.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    private T[] Read<T>(ColumnChunk chunk, int rows, T missing, ColumnRental rental)
        where T : unmanaged
    {
        var values = rental.Rent<T>(rows);
        var levels = chunk.Optional ? ColumnPool.Rent<byte>(Math.Max(rows, 1)) : null;
        try
        {
            var (done, present) = (0, 0);
            ForEachPage(
                chunk,
                (page, count, encoding, inPlace) =>
                {
                    if (done + count > rows)
                    {
                        throw new InvalidDataException("The pages hold more values than the column.");
                    }

                    var used = 0;
                    var dense = count;
                    if (levels is not null)
                    {
                        (used, dense) = DefinitionLevels.Decode(page, levels.AsSpan(done, count));
                    }

                    if (!inPlace)
                    {
                        DecodeValues(page[used..], encoding, values.AsSpan(present, dense));
                    }

                    done += count;
                    present += dense;
                },
                // A REQUIRED PLAIN page is the bare values: it decompresses straight into the column (no copy).
                levels is null
                    ? (count, encoding, size) => encoding == Plain && count >= 0 && done + (long)count <= rows && size == (long)count * Unsafe.SizeOf<T>()
                        ? MemoryMarshal.AsBytes(values.AsSpan(done, count))
                        : default
                    : null);

            if (done != rows)
            {
                throw new InvalidDataException($"The pages hold {done} values, the column {rows}.");
            }

            if (levels is not null && present != rows)
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
            if (levels is not null)
            {
                ColumnPool.Return(levels);
            }
        }
    }

    /// <summary>An enum column: INT32 codes, DELTA_BINARY_PACKED (decoded a miniblock at a time) or PLAIN, each a byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    private byte[] ReadCodes(ColumnChunk chunk, int rows, ColumnRental rental)
    {
        var codes = rental.Rent<byte>(rows);
        var done = 0;
        ForEachPage(chunk, (page, count, encoding, _) =>
        {
            if (done + count > rows)
            {
                throw new InvalidDataException("The pages hold more values than the column.");
            }

            var into = codes.AsSpan(done, count);
            if (encoding == DeltaBinaryPacked)
            {
                Pages.DeltaBinaryPacked.Decode(page, into);
            }
            else if (encoding == Plain && page.Length >= count * 4L)
            {
                EnumCodes.Narrow(MemoryMarshal.Cast<byte, int>(page[..(count * 4)]), into);
            }
            else
            {
                throw new InvalidDataException($"An enum page is encoded {encoding}, neither PLAIN nor DELTA_BINARY_PACKED INT32 of its value count.");
            }

            done += count;
        });

        return done == rows ? codes : throw new InvalidDataException($"The pages hold {done} values, the column {rows}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    private static void DecodeValues<T>(ReadOnlySpan<byte> bytes, int encoding, Span<T> output)
        where T : unmanaged
    {
        if (encoding == Plain)
        {
            var size = output.Length * Unsafe.SizeOf<T>();
            if (bytes.Length < size)
            {
                throw new InvalidDataException("A PLAIN page ends early.");
            }

            bytes[..size].CopyTo(MemoryMarshal.AsBytes(output));
        }
        else if (encoding == DeltaBinaryPacked && typeof(T) == typeof(long))
        {
            Pages.DeltaBinaryPacked.Decode(bytes, MemoryMarshal.Cast<T, long>(output));
        }
        else
        {
            throw new InvalidDataException($"Encoding {encoding} is not decoded here.");
        }
    }

    /// <summary>A page's uncompressed bytes, its value count and encoding; <paramref name="inPlace"/>: they were decompressed into the span <see cref="PageDestination"/> gave.</summary>
    private delegate void PageAction(ReadOnlySpan<byte> page, int values, int encoding, bool inPlace);

    /// <summary>Where a compressed page of <paramref name="values"/> values and <paramref name="size"/> uncompressed bytes may decompress to: exactly <paramref name="size"/> bytes, or empty for a pooled buffer.</summary>
    private delegate Span<byte> PageDestination(int values, int encoding, long size);

    /// <summary>Walks the chunk's data pages in order, decompressing LZ4_RAW ones into <paramref name="direct"/>'s span or a pooled buffer.</summary>
    private void ForEachPage(ColumnChunk chunk, PageAction action, PageDestination? direct = null)
    {
        var bytes = file.Span.Slice((int)chunk.Start, (int)chunk.Length);
        var position = 0;
        while (position < bytes.Length)
        {
            var header = Thrift.ThriftCompact.ReadStructPrefix(bytes[position..], out var headerLength);
            position += headerLength;
            var type = header.Field(1)?.Integer;
            var uncompressed = header.Field(2)?.Integer ?? -1;
            var compressed = header.Field(3)?.Integer ?? -1;
            var data = header.Field(5);
            if (type != DataPage || data is null || compressed < 0 || compressed > bytes.Length - position || uncompressed is < 0 or > int.MaxValue
                || (chunk.Codec == Uncompressed && uncompressed != compressed) || data.Field(3)?.Integer is not (null or 3))
            {
                throw new InvalidDataException("A page is not a v1 data page this reader decodes.");
            }

            var values = (int)(data.Field(1)?.Integer ?? -1);
            var encoding = (int)(data.Field(2)?.Integer ?? -1);
            var body = bytes.Slice(position, (int)compressed);
            position += (int)compressed;
            if (values < 0)
            {
                throw new InvalidDataException("A data page has no value count.");
            }

            if (chunk.Codec == Uncompressed)
            {
                action(body, values, encoding, false);
                continue;
            }

            var into = direct is null ? default : direct(values, encoding, uncompressed);
            if (!into.IsEmpty && into.Length == uncompressed)
            {
                Lz4Block.Decode(body, into);
                action(into, values, encoding, true);
                continue;
            }

            var buffer = ColumnPool.Rent<byte>((int)uncompressed);
            try
            {
                Lz4Block.Decode(body, buffer.AsSpan(0, (int)uncompressed));
                action(buffer.AsSpan(0, (int)uncompressed), values, encoding, false);
            }
            finally
            {
                ColumnPool.Return(buffer);
            }
        }
    }
}
