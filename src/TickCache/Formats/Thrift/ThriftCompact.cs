using System.Buffers;
using System.Buffers.Binary;

namespace TickCache.Formats.Thrift;

/// <summary>
/// The Thrift compact protocol (the encoding of Parquet's footer, <c>FileMetaData</c>), read into and written from a
/// <see cref="ThriftValue"/> tree: varints, zigzag integers, field-id deltas, collection headers, as the Apache Thrift
/// specification (doc/specs/thrift-compact-protocol.md) defines them. Written here because Parquet.Net keeps its own
/// Thrift codec internal and the Apache Thrift package is an RPC stack; this is the only part of it a footer needs.
/// Malformed input throws <see cref="InvalidDataException"/>. Stateless; thread-safe.
/// </summary>
internal static class ThriftCompact
{
    private const int MaxDepth = 64;

    /// <summary>Reads one struct from <paramref name="bytes"/>, which it must fill exactly.</summary>
    /// <exception cref="InvalidDataException">The bytes are not one well-formed compact-protocol struct.</exception>
    public static ThriftValue ReadStruct(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        var value = ReadValue(bytes, ref position, ThriftValue.Struct, 0);
        return position == bytes.Length ? value : throw new InvalidDataException($"{bytes.Length - position} bytes follow the struct.");
    }

    /// <summary>Reads one struct from the start of <paramref name="bytes"/> (a Parquet page header, followed by its page); <paramref name="length"/> is how many bytes it took.</summary>
    /// <exception cref="InvalidDataException">The bytes do not start with one well-formed compact-protocol struct.</exception>
    public static ThriftValue ReadStructPrefix(ReadOnlySpan<byte> bytes, out int length)
    {
        var position = 0;
        var value = ReadValue(bytes, ref position, ThriftValue.Struct, 0);
        length = position;
        return value;
    }

    /// <summary>Appends the compact encoding of <paramref name="value"/> (a struct) to <paramref name="output"/>.</summary>
    public static void WriteStruct(ThriftValue value, IBufferWriter<byte> output) => WriteValue(value, output);

    private static ThriftValue ReadValue(ReadOnlySpan<byte> bytes, ref int position, byte type, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException("The Thrift message nests too deep.");
        }

        switch (type)
        {
            case ThriftValue.BoolTrue or ThriftValue.BoolFalse:
                // Inside a collection a bool is a byte of its own (1 = true); a field's bool lives in its header.
                var b = ReadByte(bytes, ref position);
                return ThriftValue.NewBool(b == ThriftValue.BoolTrue);
            case ThriftValue.I8:
                return new ThriftValue(type) { Integer = (sbyte)ReadByte(bytes, ref position) };
            case ThriftValue.I16 or ThriftValue.I32 or ThriftValue.I64:
                return new ThriftValue(type) { Integer = Unzigzag(ReadVarint(bytes, ref position)) };
            case ThriftValue.Double:
                return new ThriftValue(type) { Real = BinaryPrimitives.ReadDoubleLittleEndian(Take(bytes, ref position, 8)) };
            case ThriftValue.Binary:
                return new ThriftValue(type) { Bytes = Take(bytes, ref position, Length(ReadVarint(bytes, ref position), bytes.Length)).ToArray() };
            case ThriftValue.Uuid:
                return new ThriftValue(type) { Bytes = Take(bytes, ref position, 16).ToArray() };
            case ThriftValue.List or ThriftValue.Set:
                var header = ReadByte(bytes, ref position);
                var size = header >> 4 == 15 ? Length(ReadVarint(bytes, ref position), bytes.Length) : header >> 4;
                var list = new ThriftValue(type) { ElementType = (byte)(header & 0x0F), Items = new List<ThriftValue>(Math.Min(size, 4096)) };
                for (var i = 0; i < size; i++)
                {
                    list.Items.Add(ReadValue(bytes, ref position, list.ElementType, depth + 1));
                }

                return list;
            case ThriftValue.Map:
                var entries = Length(ReadVarint(bytes, ref position), bytes.Length);
                var map = new ThriftValue(type) { Items = [] };
                if (entries > 0)
                {
                    var kinds = ReadByte(bytes, ref position);
                    map.ElementType = (byte)(kinds >> 4);
                    map.ValueType = (byte)(kinds & 0x0F);
                    for (var i = 0; i < entries; i++)
                    {
                        map.Items.Add(ReadValue(bytes, ref position, map.ElementType, depth + 1));
                        map.Items.Add(ReadValue(bytes, ref position, map.ValueType, depth + 1));
                    }
                }

                return map;
            case ThriftValue.Struct:
                return ReadFields(bytes, ref position, depth);
            default:
                throw new InvalidDataException($"Unknown Thrift compact type {type} at byte {position}.");
        }
    }

    private static ThriftValue ReadFields(ReadOnlySpan<byte> bytes, ref int position, int depth)
    {
        var value = ThriftValue.NewStruct();
        short last = 0;
        while (true)
        {
            var header = ReadByte(bytes, ref position);
            if (header == 0)
            {
                return value;
            }

            var type = (byte)(header & 0x0F);
            var delta = header >> 4;
            var id = delta == 0 ? checked((short)Unzigzag(ReadVarint(bytes, ref position))) : checked((short)(last + delta));
            value.Fields![id] = type is ThriftValue.BoolTrue or ThriftValue.BoolFalse
                ? ThriftValue.NewBool(type == ThriftValue.BoolTrue)
                : ReadValue(bytes, ref position, type, depth + 1);
            last = id;
        }
    }

    private static void WriteValue(ThriftValue value, IBufferWriter<byte> output)
    {
        switch (value.Type)
        {
            case ThriftValue.BoolTrue or ThriftValue.BoolFalse:
                WriteByte(output, value.Integer != 0 ? ThriftValue.BoolTrue : ThriftValue.BoolFalse);
                break;
            case ThriftValue.I8:
                WriteByte(output, (byte)(sbyte)value.Integer);
                break;
            case ThriftValue.I16 or ThriftValue.I32 or ThriftValue.I64:
                WriteVarint(output, Zigzag(value.Integer));
                break;
            case ThriftValue.Double:
                BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value.Real);
                output.Advance(8);
                break;
            case ThriftValue.Binary:
                WriteVarint(output, (ulong)value.Bytes!.Length);
                output.Write(value.Bytes);
                break;
            case ThriftValue.Uuid:
                output.Write(value.Bytes);
                break;
            case ThriftValue.List or ThriftValue.Set:
                var count = value.Items!.Count;
                if (count < 15)
                {
                    WriteByte(output, (byte)((count << 4) | value.ElementType));
                }
                else
                {
                    WriteByte(output, (byte)(0xF0 | value.ElementType));
                    WriteVarint(output, (ulong)count);
                }

                foreach (var item in value.Items)
                {
                    WriteValue(item, output);
                }

                break;
            case ThriftValue.Map:
                WriteVarint(output, (ulong)(value.Items!.Count / 2));
                if (value.Items.Count > 0)
                {
                    WriteByte(output, (byte)((value.ElementType << 4) | value.ValueType));
                }

                foreach (var item in value.Items)
                {
                    WriteValue(item, output);
                }

                break;
            default:
                WriteFields(value, output);
                break;
        }
    }

    private static void WriteFields(ThriftValue value, IBufferWriter<byte> output)
    {
        short last = 0;
        foreach (var (id, field) in value.Fields!)
        {
            var delta = id - last;
            var header = field.Type is ThriftValue.BoolTrue or ThriftValue.BoolFalse
                ? (field.Integer != 0 ? ThriftValue.BoolTrue : ThriftValue.BoolFalse)
                : field.Type;
            if (delta is > 0 and <= 15)
            {
                WriteByte(output, (byte)((delta << 4) | header));
            }
            else
            {
                WriteByte(output, header);
                WriteVarint(output, Zigzag(id));
            }

            if (header is not (ThriftValue.BoolTrue or ThriftValue.BoolFalse))
            {
                WriteValue(field, output);
            }

            last = id;
        }

        WriteByte(output, 0);
    }

    private static byte ReadByte(ReadOnlySpan<byte> bytes, ref int position) =>
        position < bytes.Length ? bytes[position++] : throw new InvalidDataException("The Thrift message ends early.");

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (count > bytes.Length - position)
        {
            throw new InvalidDataException("The Thrift message ends early.");
        }

        var taken = bytes.Slice(position, count);
        position += count;
        return taken;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte(bytes, ref position);
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("A Thrift varint is longer than 10 bytes.");
    }

    /// <summary>A collection or binary length: no more than the bytes left could hold (every item takes at least one byte).</summary>
    private static int Length(ulong length, int limit) =>
        length <= (ulong)limit ? (int)length : throw new InvalidDataException($"A Thrift length of {length} exceeds the message ({limit} bytes).");

    private static long Unzigzag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);

    private static ulong Zigzag(long n) => (ulong)((n << 1) ^ (n >> 63));

    private static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private static void WriteVarint(IBufferWriter<byte> output, ulong n)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        span[i++] = (byte)n;
        output.Advance(i);
    }
}
