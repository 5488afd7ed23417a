using TickCache.Formats;

namespace TickCache;

/// <summary>Writing a stream of <see cref="TickBatch"/> as one standard Parquet file (for pandas, polars, DuckDB, Spark).</summary>
public static class TickBatchParquetExtensions
{
    /// <summary>
    /// Writes the batches of one data type as one Parquet file, one row group per non-empty batch, in order: an
    /// <c>exchange</c> and a <c>symbol</c> string column, then the Tardis columns as the L2 cache stores them (README,
    /// "On-disk format"): µs instants INT64 <c>TIMESTAMP(MICROS, isAdjustedToUTC=true)</c>, prices/amounts/rates DOUBLE
    /// (exactly the values served), enums UINT8 codes (their table in the <c>tickcache.codes.*</c> metadata), a missing
    /// cell as a Parquet null. Pages are streamed to <paramref name="destination"/> as they are encoded (it need not be
    /// seekable); the footer is written last, so a file cut short is not a valid Parquet file. The destination is not
    /// flushed or closed. Not thread-safe (one enumeration).
    /// </summary>
    /// <param name="batches">The batches, e.g. <see cref="TickCacheClient.GetBatchesAsync"/>; every one of the same data type.</param>
    /// <param name="destination">A writable stream.</param>
    /// <param name="cancellationToken">Stops between batches (the file is then incomplete: discard it).</param>
    /// <returns>The number of rows written; 0 and nothing written when there was no batch.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable.</exception>
    /// <exception cref="InvalidOperationException">A batch has another data type than the first, or text ids after numeric ones (export those separately).</exception>
    public static async Task<long> WriteParquetAsync(this IAsyncEnumerable<TickBatch> batches, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable: pass a stream opened for writing.", nameof(destination));
        }

        StandardParquetWriter? file = null;
        string? dataType = null;
        long rows = 0;
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (file is null)
            {
                dataType = batch.DataType;
                file = await StandardParquetWriter.CreateAsync(destination, batch.Columns.Schema, batch.Columns.NumericIds is not null, symbols: true, exchanges: true, ParquetLayout.Default, [], cancellationToken).ConfigureAwait(false);
            }
            else if (!string.Equals(batch.DataType, dataType, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A batch of '{batch.DataType}' follows batches of '{dataType}': one file holds one data type; export each type to its own file.");
            }

            if (batch.Count > 0)
            {
                await file.WriteRowGroupAsync(batch.Columns, batch.Offset, batch.Count, batch.Exchange, cancellationToken).ConfigureAwait(false);
                rows += batch.Count;
            }
        }

        if (file is not null)
        {
            await file.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }
}
