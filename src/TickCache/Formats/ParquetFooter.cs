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
    /// Returns the end of a Parquet file, <paramref name="tail"/> (the footer, its 4-byte little-endian length and the
    /// closing magic, exactly), with the columns named in <paramref name="instantColumns"/> annotated as UTC microsecond
    /// timestamps.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not exactly a footer, or a named column is missing.</exception>
    public static byte[] AnnotateTimestamps(ReadOnlySpan<byte> tail, IReadOnlySet<string> instantColumns)
    {
        if (tail.Length < 12 || !tail[^4..].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(tail[^8..^4]) != tail.Length - 8)
        {
            throw new InvalidDataException($"The {tail.Length} bytes written when the Parquet writer closed are not exactly its footer.");
        }

        var metadata = ThriftCompact.ReadStruct(tail[..^8]);
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

        var footer = new ArrayBufferWriter<byte>(tail.Length + 256);
        ThriftCompact.WriteStruct(metadata, footer);
        var length = footer.WrittenCount;
        BinaryPrimitives.WriteInt32LittleEndian(footer.GetSpan(4), length);
        footer.Advance(4);
        footer.Write(Magic);
        return footer.WrittenSpan.ToArray();
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
