using System.Runtime.CompilerServices;
using TickCache.Diagnostics;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Pipeline;

/// <summary>
/// Streams a query: the source plans it into chunks on its grid; a bounded prefetch window of chunks loads in parallel
/// through the <see cref="TierChain"/> (<see cref="TickCacheOptions.PrefetchChunks"/>, lowered for large chunks by
/// <see cref="TickCacheOptions.PrefetchBytes"/>); results are yielded in partition order, each chunk trimmed to the
/// range by the source's partition timestamp, the chunks of one grid cell (one per symbol) merged by
/// <c>local_timestamp</c>. Chunks the source does not publish are gaps: counted and skipped; when every chunk of the
/// query is one, the stream throws <see cref="DataNotAvailableException"/> having yielded nothing. A plan may hold
/// chunks of another source (a fall-through: e.g. the days a local archive lacks, from the API); each chunk loads
/// through the source its key names, with that source's limits. A yielded batch is valid until the consumer asks for the
/// next one (its <see cref="BatchScope"/> then ends) and the stream gives back its references to the chunks' pooled
/// columns, including those of loads still in the window when the enumeration stops. Thread-safe (each enumeration has
/// its own window). Chunks downloaded for the stream are written to L2 behind it; a stream that runs to its end
/// finishes only when those writes have, so the cache holds what it read.
/// </summary>
internal sealed class ChunkStream(TierChain chain, int prefetchChunks, long prefetchBytes, CacheCounters counters, Func<string, ChunkSource> sourceOf)
{
    public async IAsyncEnumerable<TickBatch> StreamAsync(ChunkSource source, TickQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var span = Spans.Query(source.Source.Id, query);
        var keys = source.Source.Plan(query, chain.IsStored);
        var partition = DatasetSchemas.For(query.DataType).Column(source.Source.PartitionColumn).Slot;
        var (from, to) = (query.FromMicros, query.ToMicros);
        var perCell = query.Symbols.Count;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<(ChunkKey Key, Task<ChunkResult> Load)>();
        var next = 0;
        var prefetch = Math.Max(prefetchChunks, perCell);
        var gaps = 0;
        string? firstGap = null;
        var cell = new List<TickBatch>(perCell);
        var held = new List<ChunkColumns>(perCell);
        var writes = new List<Task>();
        BatchScope? scope = null;
        try
        {
            while (next < keys.Count && window.Count < prefetch)
            {
                window.Enqueue((keys[next], chain.LoadAsync(Owner(source, keys[next]), keys[next++], stop.Token)));
            }

            while (window.Count > 0)
            {
                var (key, load) = window.Dequeue();
                var result = await load.ConfigureAwait(false);
                held.Add(result.Columns);
                if (!result.Stored.IsCompleted)
                {
                    writes.RemoveAll(static w => w.IsCompleted);
                    writes.Add(result.Stored);
                }

                if (result.IsGap)
                {
                    gaps++;
                    firstGap ??= result.GapReason;
                }

                prefetch = PrefetchWindow.Chunks(prefetchChunks, prefetchBytes, result.Columns.SizeInBytes, perCell);
                while (next < keys.Count && window.Count < prefetch)
                {
                    window.Enqueue((keys[next], chain.LoadAsync(Owner(source, keys[next]), keys[next++], stop.Token)));
                }

                var part = ChunkTrimmer.Trim(from, to, partition, key, result.Columns);
                if (!result.IsGap)
                {
                    counters.Delivered(part.Count);
                }

                cell.Add(part);
                if (cell.Count < perCell)
                {
                    continue;
                }

                var batch = perCell == 1 ? cell[0] : ChunkMerger.Merge(cell);
                cell.Clear();
                if (batch.Count > 0)
                {
                    // Valid until the consumer asks for the next one: then its pooled arrays may go back.
                    scope = new BatchScope();
                    yield return batch.InScope(scope);
                    scope.End();
                }

                ReleaseAll(held);
            }

            await Task.WhenAll(writes).ConfigureAwait(false);
            if (keys.Count > 0 && gaps == keys.Count)
            {
                throw Errors.NothingAvailable(query, source.Source.Id, keys.Count, firstGap!);
            }
        }
        finally
        {
            scope?.End();
            ReleaseAll(held);
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (_, load) in window)
            {
                // Loads still in flight belong to this stream: give back what they bring, observe what they throw.
                _ = load.ContinueWith(
                    static t =>
                    {
                        if (t.IsCompletedSuccessfully)
                        {
                            t.Result.Columns.Release();
                        }
                        else
                        {
                            _ = t.Exception;
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }

    private static void ReleaseAll(List<ChunkColumns> held)
    {
        foreach (var columns in held)
        {
            columns.Release();
        }

        held.Clear();
    }

    private ChunkSource Owner(ChunkSource planner, ChunkKey key) => key.Source == planner.Source.Id ? planner : sourceOf(key.Source);
}
