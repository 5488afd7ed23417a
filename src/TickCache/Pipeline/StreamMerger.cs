using System.Runtime.CompilerServices;
using TickCache.Formats;

namespace TickCache.Pipeline;

/// <summary>
/// Merges several batch streams (one per query: other venues, other sources) into one stream in <c>local_timestamp</c>
/// order without copying a row: it yields runs — consecutive rows of one input that come before every other input's
/// next row — as slices of that input's batches, so each row keeps its exchange and symbol. Ties go to the input listed
/// first (stable); each input's own order is kept. Reads one batch ahead per input (each input's batch stays valid until
/// its last run has been consumed); a yielded run is valid until the consumer asks for the next. Not thread-safe (one
/// enumeration).
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
                var start = positions[pick];
                var end = Run(batch, start, pick, heads, positions);

                // Each run is valid until the consumer asks for the next (and never longer than the input's batch).
                var scope = new BatchScope(batch.Scope);
                try
                {
                    yield return batch.Range(start, end - start, scope);
                }
                finally
                {
                    scope.End();
                }

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

    /// <summary>The end of the run of <paramref name="batch"/>'s rows from <paramref name="start"/> that go before every other input's next row.</summary>
    private static int Run(TickBatch batch, int start, int pick, TickBatch?[] heads, int[] positions)
    {
        var times = batch.LocalTimestampSpan;
        var end = start + 1;
        while (end < batch.Count && Before(times[end], pick, heads, positions))
        {
            end++;
        }

        return end;
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

    private static long Head(TickBatch?[] heads, int[] positions, int i) => heads[i]!.LocalTimestampSpan[positions[i]];

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
