namespace TickCache.Formats;

/// <summary>How a CSV column is parsed and stored (in memory and in Parquet).</summary>
internal enum ColumnKind : byte
{
    /// <summary>Integer (µs timestamps): int64; an empty cell of an optional column is <see cref="ColumnSpec.MissingInt64"/>.</summary>
    Int64,

    /// <summary>Decimal number: double; an empty cell is NaN (missing).</summary>
    Double,

    /// <summary>An id: int64 when every id of the chunk is a canonical integer, the exact text otherwise.</summary>
    Id,

    /// <summary>One of a fixed set of words, stored as a byte code.</summary>
    Enum,

    /// <summary><c>true</c>/<c>false</c>, stored as a byte 1/0.</summary>
    Bool,

    /// <summary>Free text, one string per row.</summary>
    Text,
}
