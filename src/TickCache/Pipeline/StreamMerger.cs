using System.Runtime.CompilerServices;

namespace TickCache.Pipeline;

/// <summary>
/// Merges several batch streams (one per query: other venues, other sources) into one stream in <c>local_timestamp</c>
/// order without copying a row: it yields runs — consecutive rows of one input that come before every other input's
/// next row — as slices of that input's batches, so each row keeps its exchange and symbol. Ties go to the input listed
/// first (stable); each input's own order is kept. Reads one batch ahead per input. Not thread-safe (one enumeration).
/// </summary>
internal static class StreamMerger
{
    public static async IAsyncEnumerable<TickBatch> MergeAsync(IReadOnlyList<IAsyncEnumerable<TickBatch>> inputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursors = inputs.Select(i => i.GetAsyncEnumerator(cancellationToken)).ToArray();
        var heads = new TickBatch?[cursors.Length];
        var positions = new int[cursors.Length];
        try
        {
            for (var i = 0; i < cursors.Length; i++)
            {
                heads[i] = await NextAsync(cursors[i]).ConfigureAwait(false);
            }

            while (true)
            {
                var pick = -1;
                for (var i = 0; i < heads.Length; i++)
                {
                    if (heads[i] is not null && (pick < 0 || Head(heads, positions, i) < Head(heads, positions, pick)))
                    {
                        pick = i;
                    }
                }

                if (pick < 0)
                {
                    yield break;
                }

                var batch = heads[pick]!;
                var times = batch.LocalTimestamps.Span;
                var start = positions[pick];
                var end = start + 1;
                while (end < batch.Count && Before(times[end], pick, heads, positions))
                {
                    end++;
                }

                yield return start == 0 && end == batch.Count ? batch : batch.Range(start, end - start);
                positions[pick] = end;
                if (end == batch.Count)
                {
                    heads[pick] = await NextAsync(cursors[pick]).ConfigureAwait(false);
                    positions[pick] = 0;
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                await cursor.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether input <paramref name="pick"/>'s row at <paramref name="time"/> goes before every other input's next row (ties: the earlier input first).</summary>
    private static bool Before(long time, int pick, TickBatch?[] heads, int[] positions)
    {
        for (var i = 0; i < heads.Length; i++)
        {
            if (i != pick && heads[i] is not null && (time > Head(heads, positions, i) || (time == Head(heads, positions, i) && i < pick)))
            {
                return false;
            }
        }

        return true;
    }

    private static long Head(TickBatch?[] heads, int[] positions, int i) => heads[i]!.LocalTimestamps.Span[positions[i]];

    private static async Task<TickBatch?> NextAsync(IAsyncEnumerator<TickBatch> cursor)
    {
        while (await cursor.MoveNextAsync().ConfigureAwait(false))
        {
            if (cursor.Current.Count > 0)
            {
                return cursor.Current;
            }
        }

        return null;
    }
}
