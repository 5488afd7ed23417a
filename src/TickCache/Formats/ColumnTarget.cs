namespace TickCache.Formats;

/// <summary>
/// The column arrays of a chunk being read, filled by slot. Parallel readers write distinct slots only, and the
/// caller reads the arrays after awaiting them all. Arrays a reader rents are recorded in <see cref="Rental"/>.
/// </summary>
internal sealed class ColumnTarget(DatasetSchema schema)
{
    /// <summary>The pooled arrays rented for this chunk (reference count 1: the reader's).</summary>
    public ColumnRental Rental { get; } = new();

    public long[][] Int64 { get; } = new long[schema.Int64Count][];

    public double[][] Doubles { get; } = new double[schema.DoubleCount][];

    public byte[][] Bytes { get; } = new byte[schema.ByteCount][];

    public string[][] Text { get; } = new string[schema.TextCount][];

    public long[]? NumericIds { get; set; }

    public string[]? StringIds { get; set; }

    public int[]? SymbolCodes { get; set; }
}
