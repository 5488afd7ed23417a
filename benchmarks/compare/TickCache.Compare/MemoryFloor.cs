using System.Diagnostics;

namespace TickCache.Compare;

/// <summary>
/// The memory floor of a warm read, in the contender's own process right after it: the time to write the same decoded
/// bytes — every trades column a batch holds (timestamps, local timestamps, ids, prices, amounts, sides: 41 B/row) for
/// each batch delivered — into destination buffers allocated once and reused, copied from one delivered batch kept in
/// memory. The physical limit of producing those columns; the warm read is reported as a ratio to it. Not thread-safe.
/// </summary>
internal sealed class MemoryFloor
{
    private readonly List<int> _counts = [];
    private TradeBatch? _reference;

    /// <summary>Notes a delivered batch (its row count; the largest is kept as the copy source).</summary>
    public void Add(TradeBatch batch)
    {
        lock (_counts)
        {
            _counts.Add(batch.Count);
            if (_reference is null || batch.Count > _reference.Count)
            {
                _reference = batch.Keep(); // a batch is valid only until the stream moves on
            }
        }
    }

    /// <summary>Copies the decoded bytes of every noted batch into reused buffers; the elapsed time.</summary>
    public TimeSpan Measure()
    {
        if (_reference is not { Count: > 0 } source)
        {
            return TimeSpan.Zero;
        }

        var longs = new[] { source.Timestamps, source.LocalTimestamps, source.HasNumericIds ? source.NumericIds : ReadOnlyMemory<long>.Empty };
        var doubles = new[] { source.Prices, source.Amounts };
        var sides = source.Batch.GetCodes("side");
        var longTargets = longs.Select(_ => new long[source.Count]).ToArray();
        var doubleTargets = doubles.Select(_ => new double[source.Count]).ToArray();
        var sideTarget = new byte[source.Count];
        long sum = 0;
        var clock = Stopwatch.StartNew();
        foreach (var count in _counts)
        {
            for (var left = count; left > 0; left -= source.Count)
            {
                var n = Math.Min(left, source.Count);
                for (var c = 0; c < longs.Length; c++)
                {
                    if (!longs[c].IsEmpty)
                    {
                        longs[c].Span[..n].CopyTo(longTargets[c]);
                        sum += longTargets[c][n - 1];
                    }
                }

                for (var c = 0; c < doubles.Length; c++)
                {
                    doubles[c].Span[..n].CopyTo(doubleTargets[c]);
                    sum += (long)doubleTargets[c][n - 1];
                }

                sides.Span[..n].CopyTo(sideTarget);
                sum += sideTarget[n - 1];
            }
        }

        var elapsed = clock.Elapsed;
        GC.KeepAlive(sum);
        return elapsed;
    }
}
