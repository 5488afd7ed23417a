using System.Runtime.InteropServices;
using System.Text;

namespace TickCache.Formats;

/// <summary>
/// One chunk of trades as struct-of-arrays columns (Tardis <c>trades</c> schema without the constant
/// <c>exchange</c>/<c>symbol</c> columns). Arrays may be longer than <see cref="Count"/>; only the first
/// <see cref="Count"/> entries are rows. Immutable once built: L1 hands the same instance to every reader.
/// Ids are int64 when every id of the chunk is a canonical non-negative integer, strings otherwise.
/// </summary>
internal sealed class TradeColumns
{
    public TradeColumns(int count, long[] timestamps, long[] localTimestamps, long[]? numericIds, string[]? stringIds, TradeSide[] sides, double[] prices, double[] amounts)
    {
        if ((numericIds is null) == (stringIds is null))
        {
            throw new ArgumentException("Exactly one of numericIds and stringIds must be set.");
        }

        Count = count;
        Timestamps = timestamps;
        LocalTimestamps = localTimestamps;
        NumericIds = numericIds;
        StringIds = stringIds;
        Sides = sides;
        Prices = prices;
        Amounts = amounts;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var t in timestamps.AsSpan(0, count))
        {
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }

        TimestampBounds = count == 0 ? (0, -1) : (min, max);
    }

    public static TradeColumns Empty { get; } = new(0, [], [], [], null, [], [], []);

    public int Count { get; }

    /// <summary>The <c>symbol</c> cell exactly as the source wrote it (constant per chunk); null for an empty chunk.</summary>
    public string? SourceSymbol { get; init; }

    public long[] Timestamps { get; }

    public long[] LocalTimestamps { get; }

    public long[]? NumericIds { get; }

    public string[]? StringIds { get; }

    public TradeSide[] Sides { get; }

    public double[] Prices { get; }

    public double[] Amounts { get; }

    /// <summary>Smallest and largest <c>timestamp</c> ((0, -1) when empty), computed once by the constructor.</summary>
    public (long Min, long Max) TimestampBounds { get; }

    /// <summary>Bytes held by the column arrays (string ids counted as UTF-16 plus object overhead): the L1 entry size.</summary>
    public long SizeInBytes
    {
        get
        {
            long size = (Timestamps.Length * 8L) + (LocalTimestamps.Length * 8L) + Sides.Length + (Prices.Length * 8L) + (Amounts.Length * 8L) + 256;
            if (NumericIds is not null)
            {
                return size + (NumericIds.Length * 8L);
            }

            foreach (var id in StringIds!)
            {
                size += 8 + 24 + ((id?.Length ?? 0) * 2L);
            }

            return size;
        }
    }

    /// <summary>
    /// xxHash64 over the rows in column order (timestamps, local timestamps, ids, sides, prices, amounts; string ids as
    /// UTF-8 each followed by a 0 byte). Stored in the L2 footer and recomputed on every read.
    /// </summary>
    public ulong ComputeContentHash()
    {
        var hash = new XxHash();
        hash.Append(MemoryMarshal.AsBytes(Timestamps.AsSpan(0, Count)));
        hash.Append(MemoryMarshal.AsBytes(LocalTimestamps.AsSpan(0, Count)));
        if (NumericIds is not null)
        {
            hash.Append(MemoryMarshal.AsBytes(NumericIds.AsSpan(0, Count)));
        }
        else
        {
            Span<byte> zero = [0];
            for (var i = 0; i < Count; i++)
            {
                hash.Append(Encoding.UTF8.GetBytes(StringIds![i]));
                hash.Append(zero);
            }
        }

        hash.Append(MemoryMarshal.AsBytes(Sides.AsSpan(0, Count)));
        hash.Append(MemoryMarshal.AsBytes(Prices.AsSpan(0, Count)));
        hash.Append(MemoryMarshal.AsBytes(Amounts.AsSpan(0, Count)));
        return hash.Digest();
    }

    /// <summary>Copies the rows whose <c>timestamp</c> is in <c>[fromMicros, toMicros)</c> (used when they are not contiguous).</summary>
    public TradeColumns Filter(long fromMicros, long toMicros)
    {
        var keep = new List<int>();
        for (var i = 0; i < Count; i++)
        {
            if (Timestamps[i] >= fromMicros && Timestamps[i] < toMicros)
            {
                keep.Add(i);
            }
        }

        var n = keep.Count;
        var ts = new long[n];
        var local = new long[n];
        var numeric = NumericIds is null ? null : new long[n];
        var strings = StringIds is null ? null : new string[n];
        var sides = new TradeSide[n];
        var prices = new double[n];
        var amounts = new double[n];
        for (var j = 0; j < n; j++)
        {
            var i = keep[j];
            ts[j] = Timestamps[i];
            local[j] = LocalTimestamps[i];
            if (numeric is not null)
            {
                numeric[j] = NumericIds![i];
            }
            else
            {
                strings![j] = StringIds![i];
            }

            sides[j] = Sides[i];
            prices[j] = Prices[i];
            amounts[j] = Amounts[i];
        }

        return new TradeColumns(n, ts, local, numeric, strings, sides, prices, amounts) { SourceSymbol = SourceSymbol };
    }
}
