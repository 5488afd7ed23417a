using System.Runtime.CompilerServices;
using TickCache.Diagnostics;

namespace TickCache;

/// <summary>
/// Typed streams for every data type besides trades (<see cref="TickCacheClient.GetTradeBatchesAsync"/>): the batches of
/// <see cref="TickCacheClient.GetBatchesAsync"/> as their typed views, with the data type checked at the call (an
/// <see cref="ArgumentException"/> before any request) instead of when the first batch arrives. Same order, range,
/// errors and thread-safety as <see cref="TickCacheClient.GetBatchesAsync"/>; no copy.
/// </summary>
public static class TickCacheClientTypedExtensions
{
    /// <summary>Streams a <c>quotes</c> or <c>book_ticker</c> query as <see cref="QuoteBatch"/> views (best bid/ask).</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">A <see cref="TardisDataTypes.Quotes"/> or <see cref="TardisDataTypes.BookTicker"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentNullException">An argument is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">The query is of another data type, or as for <see cref="TickCacheClient.GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="TickCacheClient.GetBatchesAsync"/>.</exception>
    public static IAsyncEnumerable<QuoteBatch> GetQuoteBatchesAsync(this TickCacheClient client, TickQuery query, CancellationToken cancellationToken = default) =>
        Typed(client, query, nameof(GetQuoteBatchesAsync), [TardisDataTypes.Quotes, TardisDataTypes.BookTicker], static b => b.AsQuotes(), cancellationToken);

    /// <summary>Streams an <c>incremental_book_L2</c> query as <see cref="BookChangeBatch"/> views (snapshots and updates; feed them to an <see cref="OrderBook"/>).</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">A <see cref="TardisDataTypes.IncrementalBookL2"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentNullException">An argument is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">The query is of another data type, or as for <see cref="TickCacheClient.GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="TickCacheClient.GetBatchesAsync"/>.</exception>
    public static IAsyncEnumerable<BookChangeBatch> GetBookChangeBatchesAsync(this TickCacheClient client, TickQuery query, CancellationToken cancellationToken = default) =>
        Typed(client, query, nameof(GetBookChangeBatchesAsync), [TardisDataTypes.IncrementalBookL2], static b => b.AsBookChanges(), cancellationToken);

    /// <summary>Streams a <c>book_snapshot_5</c> or <c>book_snapshot_25</c> query as <see cref="BookSnapshotBatch"/> views.</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">A <see cref="TardisDataTypes.BookSnapshot5"/> or <see cref="TardisDataTypes.BookSnapshot25"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentNullException">An argument is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">The query is of another data type, or as for <see cref="TickCacheClient.GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="TickCacheClient.GetBatchesAsync"/>.</exception>
    public static IAsyncEnumerable<BookSnapshotBatch> GetBookSnapshotBatchesAsync(this TickCacheClient client, TickQuery query, CancellationToken cancellationToken = default) =>
        Typed(client, query, nameof(GetBookSnapshotBatchesAsync), [TardisDataTypes.BookSnapshot5, TardisDataTypes.BookSnapshot25], static b => b.AsBookSnapshots(), cancellationToken);

    /// <summary>Streams a <c>derivative_ticker</c> query as <see cref="DerivativeTickerBatch"/> views (funding, open interest, mark and index prices).</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">A <see cref="TardisDataTypes.DerivativeTicker"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentNullException">An argument is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">The query is of another data type, or as for <see cref="TickCacheClient.GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="TickCacheClient.GetBatchesAsync"/>.</exception>
    public static IAsyncEnumerable<DerivativeTickerBatch> GetDerivativeTickerBatchesAsync(this TickCacheClient client, TickQuery query, CancellationToken cancellationToken = default) =>
        Typed(client, query, nameof(GetDerivativeTickerBatchesAsync), [TardisDataTypes.DerivativeTicker], static b => b.AsDerivativeTickers(), cancellationToken);

    /// <summary>Streams an <c>options_chain</c> query as <see cref="OptionsChainBatch"/> views (quotes and greeks per option).</summary>
    /// <param name="client">The client.</param>
    /// <param name="query">A <see cref="TardisDataTypes.OptionsChain"/> query.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The batches.</returns>
    /// <exception cref="ArgumentNullException">An argument is null (thrown at once).</exception>
    /// <exception cref="ArgumentException">The query is of another data type, or as for <see cref="TickCacheClient.GetBatchesAsync"/> (thrown at once).</exception>
    /// <exception cref="TickCacheException">While enumerating: as for <see cref="TickCacheClient.GetBatchesAsync"/>.</exception>
    public static IAsyncEnumerable<OptionsChainBatch> GetOptionsChainBatchesAsync(this TickCacheClient client, TickQuery query, CancellationToken cancellationToken = default) =>
        Typed(client, query, nameof(GetOptionsChainBatchesAsync), [TardisDataTypes.OptionsChain], static b => b.AsOptionsChain(), cancellationToken);

    private static IAsyncEnumerable<T> Typed<T>(TickCacheClient client, TickQuery query, string method, string[] dataTypes, Func<TickBatch, T> view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        if (!dataTypes.Contains(query.DataType, StringComparer.Ordinal))
        {
            throw Errors.WrongTypedCall(query.DataType, method, dataTypes);
        }

        return Views(client.GetBatchesAsync(query, cancellationToken), view, cancellationToken);
    }

    private static async IAsyncEnumerable<T> Views<T>(IAsyncEnumerable<TickBatch> batches, Func<TickBatch, T> view, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return view(batch);
        }
    }
}
