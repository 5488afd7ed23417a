using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// One chunk of any dataset type as struct-of-arrays columns laid out by its <see cref="DatasetSchema"/>: int64
/// columns (timestamps first), doubles, bytes (enums and bools), text, an optional id column, and the row symbols
/// (one name for the whole chunk, or a code per row into <see cref="Symbols"/> for grouped-symbol files). Arrays may be
/// longer than <see cref="Count"/>. Immutable once built: L1 hands the same instance to every reader. Columns decoded from a
/// cache file or a download are rented from <see cref="ColumnPool"/> and reference-counted (<see cref="Rental"/>): each
/// holder takes a reference with <see cref="TryAcquire"/> and gives it back with <see cref="Release"/>; copies
/// (<see cref="Copy"/>, <see cref="Select"/>, merges) are plain arrays, for which both are no-ops.
/// </summary>
internal sealed class ChunkColumns
{
    public ChunkColumns(DatasetSchema schema, int count, long[][] int64, double[][] doubles, byte[][] bytes, string[][] text, long[]? numericIds, string[]? stringIds, string[] symbols, int[]? symbolCodes, ColumnRental? rental = null)
    {
        Rental = rental;
        Schema = schema;
        Count = count;
        Int64 = int64;
        Doubles = doubles;
        Bytes = bytes;
        Text = text;
        NumericIds = numericIds;
        StringIds = stringIds;
        Symbols = symbols;
        SymbolCodes = symbolCodes;
        _bounds = new Tuple<long, long>?[int64.Length];
    }

    private readonly Tuple<long, long>?[] _bounds;

    public DatasetSchema Schema { get; }

    /// <summary>The pooled arrays' reference count; null for plain arrays (never given back).</summary>
    public ColumnRental? Rental { get; }

    /// <summary>Takes a reference (true), or says the pooled arrays have already gone back (false: load the chunk again). Always true for plain arrays.</summary>
    public bool TryAcquire() => Rental?.TryAcquire() ?? true;

    /// <summary>Gives back a reference taken by <see cref="TryAcquire"/> or received with the columns.</summary>
    public void Release() => Rental?.Release();

    /// <summary>
    /// Turns the one reference the caller holds into <paramref name="holders"/> references (0: released), for handing the
    /// same columns to that many owners at once (a single flight's waiters).
    /// </summary>
    public void Share(int holders)
    {
        if (holders == 0)
        {
            Release();
        }
        else if (holders > 1)
        {
            Rental?.AddReferences(holders - 1);
        }
    }

    public int Count { get; }

    public long[][] Int64 { get; }

    public double[][] Doubles { get; }

    public byte[][] Bytes { get; }

    public string[][] Text { get; }

    public long[]? NumericIds { get; }

    public string[]? StringIds { get; }

    /// <summary>The distinct <c>symbol</c> cells exactly as the source wrote them (empty for an empty chunk).</summary>
    public string[] Symbols { get; }

    /// <summary>Per row, the index into <see cref="Symbols"/>; null when every row has <c>Symbols[0]</c>.</summary>
    public int[]? SymbolCodes { get; }

    public long[] Timestamps => Int64[0];

    public long[] LocalTimestamps => Int64[1];

    /// <summary>Smallest and largest <c>timestamp</c> ((0, -1) when empty).</summary>
    public (long Min, long Max) TimestampBounds => Bounds(0);

    /// <summary>
    /// Smallest and largest value of int64 column <paramref name="slot"/> ((0, -1) when empty): computed on first use
    /// (only the columns something asks for: the partition column when trimming, <c>timestamp</c> for the L2 footer)
    /// and kept, since the columns never change. Thread-safe (a race computes the same value twice).
    /// </summary>
    public (long Min, long Max) Bounds(int slot)
    {
        var known = Volatile.Read(ref _bounds[slot]);
        if (known is null)
        {
            var (min, max) = ComputeBounds(Int64[slot], Count);
            known = Tuple.Create(min, max);
            Volatile.Write(ref _bounds[slot], known);
        }

        return (known.Item1, known.Item2);
    }

    /// <summary>Bytes held by the arrays (strings as UTF-16 plus object overhead): the L1 entry size.</summary>
    public long SizeInBytes
    {
        get
        {
            long size = 512 + (Symbols.Length * 64L) + ((SymbolCodes?.Length ?? 0) * 4L) + ((NumericIds?.Length ?? 0) * 8L);
            size += Int64.Sum(c => c.Length * 8L) + Doubles.Sum(c => c.Length * 8L) + Bytes.Sum(c => (long)c.Length);
            foreach (var strings in Text.Append(StringIds ?? []))
            {
                foreach (var s in strings)
                {
                    size += 32 + ((s?.Length ?? 0) * 2L);
                }
            }

            return size;
        }
    }

    public string SymbolAt(int row) => SymbolCodes is { } codes ? Symbols[codes[row]] : Symbols[0];

    public static ChunkColumns Empty(DatasetSchema schema) => new ChunkColumnsBuilder(schema, 0).Build();

    /// <summary>xxHash64 over every row of every column in storage order, plus the symbols. Stored in the L2 footer; recomputed on every read.</summary>
    public ulong ComputeContentHash()
    {
        var hash = new XxHash();
        foreach (var column in Int64)
        {
            hash.Append(MemoryMarshal.AsBytes(column.AsSpan(0, Count)));
        }

        foreach (var column in Doubles)
        {
            hash.Append(MemoryMarshal.AsBytes(column.AsSpan(0, Count)));
        }

        foreach (var column in Bytes)
        {
            hash.Append(column.AsSpan(0, Count));
        }

        if (NumericIds is not null)
        {
            hash.Append(MemoryMarshal.AsBytes(NumericIds.AsSpan(0, Count)));
        }

        foreach (var strings in StringIds is null ? Text : Text.Append(StringIds))
        {
            AppendStrings(hash, strings.AsSpan(0, Count));
        }

        AppendStrings(hash, Symbols);
        if (SymbolCodes is not null)
        {
            hash.Append(MemoryMarshal.AsBytes(SymbolCodes.AsSpan(0, Count)));
        }

        return hash.Digest();
    }

    /// <summary>Copies the rows whose int64 column <paramref name="slot"/> is in <c>[fromMicros, toMicros)</c>, in their order.</summary>
    public ChunkColumns Filter(int slot, long fromMicros, long toMicros)
    {
        var keep = new List<int>();
        var values = Int64[slot];
        for (var i = 0; i < Count; i++)
        {
            if (values[i] >= fromMicros && values[i] < toMicros)
            {
                keep.Add(i);
            }
        }

        return Select(keep);
    }

    /// <summary>Copies rows [offset, offset + count) into plain arrays of exactly that length (not pooled).</summary>
    public ChunkColumns Copy(int offset, int count)
    {
        T[] Part<T>(T[] source) => source.AsSpan(offset, count).ToArray();
        return new ChunkColumns(
            Schema,
            count,
            Array.ConvertAll(Int64, Part),
            Array.ConvertAll(Doubles, Part),
            Array.ConvertAll(Bytes, Part),
            Array.ConvertAll(Text, Part),
            NumericIds is null ? null : Part(NumericIds),
            StringIds is null ? null : Part(StringIds),
            Symbols,
            SymbolCodes is null ? null : Part(SymbolCodes));
    }

    /// <summary>Copies the given rows, in the given order.</summary>
    public ChunkColumns Select(IReadOnlyList<int> rows)
    {
        T[] Pick<T>(T[] source)
        {
            var result = new T[rows.Count];
            for (var j = 0; j < rows.Count; j++)
            {
                result[j] = source[rows[j]];
            }

            return result;
        }

        return new ChunkColumns(
            Schema,
            rows.Count,
            Array.ConvertAll(Int64, Pick),
            Array.ConvertAll(Doubles, Pick),
            Array.ConvertAll(Bytes, Pick),
            Array.ConvertAll(Text, Pick),
            NumericIds is null ? null : Pick(NumericIds),
            StringIds is null ? null : Pick(StringIds),
            Symbols,
            SymbolCodes is null ? null : Pick(SymbolCodes));
    }

    /// <summary>Min and max of the first <paramref name="count"/> values, a vector at a time (a 2 M-row day: ~4 ms scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip the unoptimized first tier
    private static (long Min, long Max) ComputeBounds(long[] column, int count)
    {
        var values = column.AsSpan(0, count);
        long min = long.MaxValue, max = long.MinValue;
        var vectors = Vector.IsHardwareAccelerated ? MemoryMarshal.Cast<long, Vector<long>>(values) : [];
        if (vectors.Length > 0)
        {
            var (lows, highs) = (new Vector<long>(long.MaxValue), new Vector<long>(long.MinValue));
            foreach (var vector in vectors)
            {
                lows = Vector.Min(lows, vector);
                highs = Vector.Max(highs, vector);
            }

            for (var lane = 0; lane < Vector<long>.Count; lane++)
            {
                min = Math.Min(min, lows[lane]);
                max = Math.Max(max, highs[lane]);
            }
        }

        foreach (var t in values[(vectors.Length * Vector<long>.Count)..])
        {
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }

        return count == 0 ? (0, -1) : (min, max);
    }

    private static void AppendStrings(XxHash hash, ReadOnlySpan<string> strings)
    {
        Span<byte> zero = [0];
        foreach (var s in strings)
        {
            hash.Append(Encoding.UTF8.GetBytes(s));
            hash.Append(zero);
        }
    }
}
