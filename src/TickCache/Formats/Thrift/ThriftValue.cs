namespace TickCache.Formats.Thrift;

/// <summary>
/// One value of a Thrift compact-protocol message kept as a tree, so that a Parquet footer can be read, amended and
/// written back without knowing its whole schema (<see cref="ThriftCompact"/>). <see cref="Type"/> is the compact type
/// id (1/2 bool, 3 i8, 4 i16, 5 i32, 6 i64, 7 double, 8 binary, 9 list, 10 set, 11 map, 12 struct, 13 uuid); integers
/// and bools are in <see cref="Integer"/>, doubles in <see cref="Real"/>, binary and uuid bytes in <see cref="Bytes"/>,
/// list/set/map items in <see cref="Items"/> (a map's keys and values alternate), struct fields in <see cref="Fields"/>.
/// </summary>
internal sealed class ThriftValue
{
    public const byte BoolTrue = 1;
    public const byte BoolFalse = 2;
    public const byte I8 = 3;
    public const byte I16 = 4;
    public const byte I32 = 5;
    public const byte I64 = 6;
    public const byte Double = 7;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Set = 10;
    public const byte Map = 11;
    public const byte Struct = 12;
    public const byte Uuid = 13;

    public ThriftValue(byte type) => Type = type;

    public byte Type { get; set; }

    public long Integer { get; set; }

    public double Real { get; set; }

    public byte[]? Bytes { get; set; }

    /// <summary>List/set element type, or a map's key type.</summary>
    public byte ElementType { get; set; }

    /// <summary>A map's value type.</summary>
    public byte ValueType { get; set; }

    public List<ThriftValue>? Items { get; set; }

    /// <summary>A struct's fields in the order read (written back in ascending id order).</summary>
    public SortedList<short, ThriftValue>? Fields { get; set; }

    public static ThriftValue NewStruct() => new(Struct) { Fields = [] };

    public static ThriftValue NewI32(int value) => new(I32) { Integer = value };

    public static ThriftValue NewBool(bool value) => new(value ? BoolTrue : BoolFalse) { Integer = value ? 1 : 0 };

    /// <summary>The struct field <paramref name="id"/>, or null.</summary>
    public ThriftValue? Field(short id) => Fields is { } fields && fields.TryGetValue(id, out var value) ? value : null;
}
