using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using TickCache.Formats.Thrift;

namespace TickCache.Formats;

/// <summary>
/// Amends the logical types of a Parquet file's schema in its footer (<c>FileMetaData</c>, Thrift compact protocol),
/// leaving every page untouched: Parquet.Net writes DELTA_BINARY_PACKED only for plain INT64 and INT32 columns, so the
/// µs instants are written as INT64 and annotated here as <c>TIMESTAMP(MICROS, isAdjustedToUTC=true)</c>, and enum codes
/// as INT32 annotated <c>INTEGER(8, unsigned)</c> (logical types, plus the legacy converted types TIMESTAMP_MICROS and
/// UINT_8 for older readers). Field ids from the Parquet format's parquet.thrift (SchemaElement 4 name, 6
/// converted_type, 10 logicalType; LogicalType 8 TIMESTAMP, 10 INTEGER; TimeUnit 2 MICROS; IntType 1 bitWidth, 2 isSigned).
/// </summary>
internal static class ParquetFooter
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private const short SchemaField = 2;
    private const short NameField = 4;
    private const short ConvertedTypeField = 6;
    private const short LogicalTypeField = 10;
    private const short TimestampLogicalType = 8;
    private const short IntegerLogicalType = 10;
    private const int TimestampMicrosConvertedType = 10;
    private const int Uint8ConvertedType = 11;

    /// <summary>
    /// Returns the end of a Parquet file, <paramref name="tail"/> (the footer, its 4-byte little-endian length and the
    /// closing magic, exactly), with the columns named in <paramref name="instantColumns"/> annotated as UTC microsecond
    /// timestamps and those in <paramref name="codeColumns"/> (INT32, DELTA_BINARY_PACKED: Parquet.Net delta-encodes
    /// int32 but not its byte fields) as unsigned 8-bit integers (<c>INTEGER(8, false)</c>, legacy <c>UINT_8</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not exactly a footer, or a named column is missing.</exception>
    public static byte[] Annotate(ReadOnlySpan<byte> tail, IReadOnlySet<string> instantColumns, IReadOnlySet<string>? codeColumns = null)
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
            var text = element.Field(NameField)?.Bytes is { } name ? Encoding.UTF8.GetString(name) : null;
            if (text is not null && instantColumns.Contains(text))
            {
                element.Fields![ConvertedTypeField] = ThriftValue.NewI32(TimestampMicrosConvertedType);
                element.Fields[LogicalTypeField] = TimestampMicrosUtc();
                annotated++;
            }
            else if (text is not null && codeColumns?.Contains(text) == true)
            {
                element.Fields![ConvertedTypeField] = ThriftValue.NewI32(Uint8ConvertedType);
                element.Fields[LogicalTypeField] = UnsignedByte();
                annotated++;
            }
        }

        var expected = instantColumns.Count + (codeColumns?.Count ?? 0);
        if (annotated != expected)
        {
            throw new InvalidDataException($"{expected - annotated} of the timestamp and code columns are not in the file's schema.");
        }

        var footer = new ArrayBufferWriter<byte>(tail.Length + 256);
        ThriftCompact.WriteStruct(metadata, footer);
        var length = footer.WrittenCount;
        BinaryPrimitives.WriteInt32LittleEndian(footer.GetSpan(4), length);
        footer.Advance(4);
        footer.Write(Magic);
        return footer.WrittenSpan.ToArray();
    }

    /// <summary><c>LogicalType{ INTEGER: IntType{ bitWidth: 8, isSigned: false } }</c>.</summary>
    private static ThriftValue UnsignedByte()
    {
        var integer = ThriftValue.NewStruct();
        integer.Fields![1] = new ThriftValue(ThriftValue.I8) { Integer = 8 };
        integer.Fields[2] = ThriftValue.NewBool(false);
        var logical = ThriftValue.NewStruct();
        logical.Fields![IntegerLogicalType] = integer;
        return logical;
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
