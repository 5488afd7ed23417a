namespace TickCache.Formats;

/// <summary>One CSV column of a dataset schema (after the constant <c>exchange</c> and the <c>symbol</c> columns).</summary>
/// <param name="Name">The Tardis column name, e.g. <c>price</c> or <c>asks[0].price</c>.</param>
/// <param name="Kind">How it is parsed and stored.</param>
/// <param name="EnumWords">For <see cref="ColumnKind.Enum"/>: the accepted words; a word's byte code is its <see cref="EnumCodes"/> entry.</param>
/// <param name="EnumCodes">For <see cref="ColumnKind.Enum"/>: the byte code of each word (matches the public enum).</param>
/// <param name="Optional">For <see cref="ColumnKind.Int64"/>: an empty cell is allowed and stored as <see cref="MissingInt64"/>.</param>
/// <param name="Instant">For <see cref="ColumnKind.Int64"/>: the values are µs since the Unix epoch, UTC (an L2 v3 file annotates them TIMESTAMP(MICROS, UTC)).</param>
internal sealed record ColumnSpec(string Name, ColumnKind Kind, string[]? EnumWords = null, byte[]? EnumCodes = null, bool Optional = false, bool Instant = false)
{
    /// <summary>The value of a missing (empty) optional int64 cell.</summary>
    public const long MissingInt64 = long.MinValue;

    /// <summary>Index of this column among the schema's columns of the same storage (int64, double, byte, text).</summary>
    public int Slot { get; init; }
}
