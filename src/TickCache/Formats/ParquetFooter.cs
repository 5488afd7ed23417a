using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using TickCache.Formats.Thrift;

namespace TickCache.Formats;

/// <summary>
/// Amends the logical types of a Parquet file's schema in its footer (<c>FileMetaData</c>, Thrift compact protocol),
/// leaving every page untouched: Parquet.Net writes DELTA_BINARY_PACKED only for plain INT64 columns, so the µs
/// instants are written as INT64 and annotated here as <c>TIMESTAMP(MICROS, isAdjustedToUTC=true)</c> (logical type,
/// plus the legacy converted type TIMESTAMP_MICROS for older readers). Field ids from the Parquet format's
/// parquet.thrift (SchemaElement 4 name, 6 converted_type, 10 logicalType; LogicalType 8 TIMESTAMP; TimeUnit 2 MICROS).
/// </summary>
internal static class ParquetFooter
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private const short SchemaField = 2;
    private const short NameField = 4;
    private const short ConvertedTypeField = 6;
    private const short LogicalTypeField = 10;
    private const short TimestampLogicalType = 8;
    private const int TimestampMicrosConvertedType = 10;

    /// <summary>
    /// Returns <paramref name="file"/> with the columns named in <paramref name="instantColumns"/> annotated as UTC
    /// microsecond timestamps, in a pooled buffer (dispose it).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a Parquet file, or a named column is missing.</exception>
    public static PooledBytes AnnotateTimestamps(ReadOnlySpan<byte> file, IReadOnlySet<string> instantColumns)
    {
        var (start, length) = Locate(file);
        var metadata = ThriftCompact.ReadStruct(file.Slice(start, length));
        var schema = metadata.Field(SchemaField)?.Items ?? throw new InvalidDataException("The Parquet footer has no schema.");
        var annotated = 0;
        foreach (var element in schema)
        {
            if (element.Field(NameField)?.Bytes is { } name && instantColumns.Contains(Encoding.UTF8.GetString(name)))
            {
                element.Fields![ConvertedTypeField] = ThriftValue.NewI32(TimestampMicrosConvertedType);
                element.Fields[LogicalTypeField] = TimestampMicrosUtc();
                annotated++;
            }
        }

        if (annotated != instantColumns.Count)
        {
            throw new InvalidDataException($"{instantColumns.Count - annotated} of the timestamp columns are not in the file's schema.");
        }

        var footer = new ArrayBufferWriter<byte>(length + 256);
        ThriftCompact.WriteStruct(metadata, footer);
        var total = start + footer.WrittenCount + 8;
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        file[..start].CopyTo(buffer);
        footer.WrittenSpan.CopyTo(buffer.AsSpan(start));
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(start + footer.WrittenCount), footer.WrittenCount);
        Magic.CopyTo(buffer.AsSpan(total - 4));
        return new PooledBytes(buffer, total);
    }

    /// <summary>Where the footer is: after the pages, before its 4-byte little-endian length and the closing magic.</summary>
    private static (int Start, int Length) Locate(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual(Magic) || !file[^4..].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The bytes are not a Parquet file (no PAR1 magic at both ends).");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(file[^8..^4]);
        return length > 0 && length <= file.Length - 12
            ? (file.Length - 8 - length, length)
            : throw new InvalidDataException($"The Parquet footer length {length} does not fit the file ({file.Length} bytes).");
    }

    /// <summary><c>LogicalType{ TIMESTAMP: TimestampType{ isAdjustedToUTC: true, unit: TimeUnit{ MICROS: {} } } }</c>.</summary>
    private static ThriftValue TimestampMicrosUtc()
    {
        var unit = ThriftValue.NewStruct();
        unit.Fields![2] = ThriftValue.NewStruct();
        var timestamp = ThriftValue.NewStruct();
        timestamp.Fields![1] = ThriftValue.NewBool(true);
        timestamp.Fields[2] = unit;
        var logical = ThriftValue.NewStruct();
        logical.Fields![TimestampLogicalType] = timestamp;
        return logical;
    }
}
