using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Diagnostics;
using TickCache.Fetching;
using TickCache.Pipeline;
using TickCache.Sources;
using TickCache.Telemetry;
using TickCache.Tiers;
using TickCache.Validation;

namespace TickCache;

/// <summary>Streaming a query: batches (with or without progress), trade batches and single trades.</summary>
public sealed partial class TickCacheClient
{
    /// <summary>
    /// Streams the rows of <paramref name="query"/>, any data type of its source, as columnar batches: one batch per
    /// non-empty chunk of the source's grid (Tardis: one UTC day; for several symbols, the day's chunks merged by
    /// <c>local_timestamp</c>), in partition order, rows in the source's order. A row is returned exactly when
    /// <c>FromUtc ≤ partition timestamp &lt; ToUtc</c> (Tardis: <c>local_timestamp</c>; see <see cref="TickQuery"/>), so
    /// adjacent ranges never lose or repeat a row. Up to <see cref="TickCacheOptions.PrefetchChunks"/> chunks load in
    /// parallel ahead of the consumer, so memory stays bounded by that window (plus L1) however long the range. Days the
    /// source does not publish are skipped (<see cref="TickCacheStatistics.UnavailableChunks"/>). Use the batch's typed
    /// views (<see cref="TickBatch.AsQuotes"/>, …) for named columns.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Stops the stream; a download shared with other callers continues for them.</param>
    /// <returns>The batches; an empty day yields no batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">The query names a source this client does not have, or a data type its source does not serve (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="TickCacheOptions.MaxQueryLength"/> (thrown at once).</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    /// <exception cref="DataNotAvailableException">While enumerating, before the first batch: the source does not list the exchange, symbol or data type, or publishes no day of the range.</exception>
    /// <exception cref="UpstreamRequestException">While enumerating: the source refused a chunk permanently.</exception>
    /// <exception cref="InvalidChunkDataException">While enumerating: the source served a whole file holding rows of another chunk (not retried, nothing cached).</exception>
    /// <exception cref="UpstreamUnavailableException">While enumerating: a chunk could not be fetched within the retries.</exception>
    public IAsyncEnumerable<TickBatch> GetBatchesAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        var source = SourceOf(query);
        return GuardDisposal(_stream.StreamAsync(source, query, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// <see cref="GetBatchesAsync"/> with progress: <paramref name="progress"/> gets a
    /// report at once (chunks planned, none done: a slow first download is visible as such), one after each batch
    /// (chunks done so far, from which tier, rows, upstream bytes, elapsed), and a final one (<c>Current</c> null) when
    /// the stream ends. Counts are the client's: queries running beside this one on the same client are counted too.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="progress">Receives the reports (on the enumerating thread).</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches, as <see cref="GetBatchesAsync"/> returns them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="progress"/> is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">As for <see cref="GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="GetBatchesAsync"/>.</exception>
    public IAsyncEnumerable<TickBatch> GetBatchesWithProgressAsync(TickQuery query, IProgress<PrefetchReport> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var batches = GetBatchesAsync(query, cancellationToken);
        return WithProgressAsync(batches, Plan([query]).Chunks.Count, query.Describe(), progress, cancellationToken);
    }

    /// <summary>The reports of a query's stream; the counts start when the enumeration does.</summary>
    private async IAsyncEnumerable<TickBatch> WithProgressAsync(IAsyncEnumerable<TickBatch> batches, int planned, string described, IProgress<PrefetchReport> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tracker = new ProgressTracker(_counters, _options.TimeProvider, planned);
        progress.Report(tracker.Report(described));
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            tracker.AddRows(batch.Count);
            progress.Report(tracker.Report(described));
            yield return batch;
        }

        progress.Report(tracker.Report(null));
    }

    /// <summary>
    /// Streams a <c>trades</c> or <c>liquidations</c> query as <see cref="TradeBatch"/> views of
    /// <see cref="GetBatchesAsync"/>: same order, range and errors.
    /// </summary>
    /// <param name="query">A <see cref="TardisDataTypes.Trades"/> or <see cref="TardisDataTypes.Liquidations"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentException">The query is of another data type, or as for <see cref="GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="TickCacheOptions.MaxQueryLength"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="GetBatchesAsync"/>.</exception>
    public IAsyncEnumerable<TradeBatch> GetTradeBatchesAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.DataType is not (TardisDataTypes.Trades or TardisDataTypes.Liquidations or TardisDataTypes.AggTrades))
        {
            throw Errors.NotTrades(query.DataType);
        }

        var batches = GetBatchesAsync(query, cancellationToken);
        return AsTrades(batches, cancellationToken);
    }

    /// <summary>
    /// Streams a <c>trades</c> or <c>liquidations</c> query one <see cref="Trade"/> at a time (a convenience over
    /// <see cref="GetTradeBatchesAsync"/>; it allocates an id string per numeric-id trade). Same order, range and errors.
    /// </summary>
    /// <param name="query">A <see cref="TardisDataTypes.Trades"/> or <see cref="TardisDataTypes.Liquidations"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The trades in partition order.</returns>
    /// <exception cref="ArgumentException">The query is of another data type, or as for <see cref="GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null (thrown at once).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="TickCacheOptions.MaxQueryLength"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="GetBatchesAsync"/>.</exception>
    public IAsyncEnumerable<Trade> GetTradesAsync(TickQuery query, CancellationToken cancellationToken = default)
    {
        var batches = GetTradeBatchesAsync(query, cancellationToken);
        return Flatten(batches, cancellationToken);
    }

    /// <summary>A query still running when the client is disposed fails with an <see cref="ObjectDisposedException"/> naming the client (not one of its parts).</summary>
    private async IAsyncEnumerable<TickBatch> GuardDisposal(IAsyncEnumerable<TickBatch> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = batches.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (Volatile.Read(ref _disposed) != 0 && !cancellationToken.IsCancellationRequested)
                {
                    // Whatever the disposal broke underneath (HTTP client, rate gate, memory cache) — including a
                    // cancellation of the disposed HttpClient's own requests — the caller's error is that the client is
                    // gone; only the caller's own token makes it a cancellation.
                    throw Errors.ClientDisposed(e);
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
    }

    private static async IAsyncEnumerable<Trade> Flatten(IAsyncEnumerable<TradeBatch> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                yield return batch[i];
            }
        }
    }

    private static async IAsyncEnumerable<TradeBatch> AsTrades(IAsyncEnumerable<TickBatch> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return batch.AsTrades();
        }
    }
}
