using System.Diagnostics;

namespace TickCache.Compare;

/// <summary>
/// The memory floor of a warm read, in the contender's own process right after it: the time to write the same decoded
/// bytes — every trades column a batch holds (timestamps, local timestamps, ids, prices, amounts, sides: 41 B/row) for
/// each batch delivered — into destination buffers allocated once and reused, copied from source columns of the
/// largest batch's size made after the read (so the read's peak RSS, taken before, holds nothing of the floor). The
/// physical limit of producing those columns; the warm read is reported as a ratio to it. Not thread-safe.
/// </summary>
internal sealed class MemoryFloor
{
    private readonly List<int> _counts = [];

    /// <summary>Notes a delivered batch's row count.</summary>
    public void Add(TradeBatch batch)
    {
        lock (_counts)
        {
            _counts.Add(batch.Count);
        }
    }

    /// <summary>Copies the decoded bytes of every noted batch into reused buffers; the elapsed time.</summary>
    public TimeSpan Measure()
    {
        var size = _counts.Count == 0 ? 0 : _counts.Max();
        if (size == 0)
        {
            return TimeSpan.Zero;
        }

        var longs = Enumerable.Range(0, 3).Select(c => Filled(size, i => (long)i * (c + 1))).ToArray();
        var doubles = Enumerable.Range(0, 2).Select(c => Filled(size, i => i * 0.5 * (c + 1))).ToArray();
        var sides = Filled(size, i => (byte)(i & 1));
        var longTargets = longs.Select(_ => new long[size]).ToArray();
        var doubleTargets = doubles.Select(_ => new double[size]).ToArray();
        var sideTarget = new byte[size];
        long sum = 0;
        var clock = Stopwatch.StartNew();
        foreach (var count in _counts.Where(n => n > 0))
        {
            for (var c = 0; c < longs.Length; c++)
            {
                longs[c].AsSpan(0, count).CopyTo(longTargets[c]);
                sum += longTargets[c][count - 1];
            }

            for (var c = 0; c < doubles.Length; c++)
            {
                doubles[c].AsSpan(0, count).CopyTo(doubleTargets[c]);
                sum += (long)doubleTargets[c][count - 1];
            }

            sides.AsSpan(0, count).CopyTo(sideTarget);
            sum += sideTarget[count - 1];
        }

        var elapsed = clock.Elapsed;
        GC.KeepAlive(sum);
        return elapsed;
    }

    private static T[] Filled<T>(int size, Func<int, T> value)
    {
        var array = new T[size];
        for (var i = 0; i < size; i++)
        {
            array[i] = value(i);
        }

        return array;
    }
}
