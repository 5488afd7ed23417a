using TickCache.Diagnostics;
using TickCache.Formats;

namespace TickCache;

/// <summary>
/// A run of consecutive rows of one chunk (one UTC day of one dataset symbol) of any Tardis data type, as read-only
/// columns in the source's row order (Tardis files are ordered by <c>local_timestamp</c>). Every column has
/// <see cref="Count"/> entries. Typed views: <see cref="AsTrades"/>, <see cref="AsQuotes"/>, <see cref="AsBookChanges"/>,
/// <see cref="AsBookSnapshots"/>, <see cref="AsDerivativeTickers"/>, <see cref="AsOptionsChain"/>.
/// </summary>
/// <remarks>
/// Columns are shared, not copied (the L1 memory tier hands the same memory to every reader), hence read-only. Missing
/// values (empty CSV cells) are <see cref="double.NaN"/> in double columns and <see cref="MissingInt64"/> in optional
/// int64 columns (<c>funding_timestamp</c>, <c>expiration</c>), never 0. Immutable and thread-safe.
/// </remarks>
public sealed class TickBatch
{
    /// <summary>The value of a missing (empty) optional int64 cell: <see cref="long.MinValue"/>.</summary>
    public const long MissingInt64 = ColumnSpec.MissingInt64;

    private readonly ChunkColumns _columns;
    private readonly int _offset;

    internal TickBatch(string exchange, DateTime chunkStartUtc, ChunkColumns columns, int offset, int count)
    {
        Exchange = exchange;
        ChunkStartUtc = chunkStartUtc;
        _columns = columns;
        _offset = offset;
        Count = count;
    }

    /// <summary>Tardis exchange id of every row.</summary>
    public string Exchange { get; }

    /// <summary>Tardis dataset type id, e.g. <c>quotes</c>.</summary>
    public string DataType => _columns.Schema.DataType;

    /// <summary>Start (UTC midnight) of the chunk the rows come from.</summary>
    public DateTime ChunkStartUtc { get; }

    /// <summary>Number of rows, ≥ 0.</summary>
    public int Count { get; }

    /// <summary>The Tardis CSV column names after <c>exchange,symbol</c>, in file order (e.g. <c>asks[0].price</c>).</summary>
    public IReadOnlyList<string> ColumnNames => _columns.Schema.Columns.Select(c => c.Name).ToList();

    /// <summary>Exchange time per row, µs since the Unix epoch, UTC (Tardis <c>timestamp</c>).</summary>
    public ReadOnlyMemory<long> Timestamps => Slice(_columns.Timestamps);

    /// <summary>Arrival time per row at the recorder, µs since the Unix epoch, UTC (Tardis <c>local_timestamp</c>).</summary>
    public ReadOnlyMemory<long> LocalTimestamps => Slice(_columns.LocalTimestamps);

    /// <summary>True when every row has the same symbol (<see cref="GetSymbol"/> of any row); false for grouped-symbol files.</summary>
    public bool HasSingleSymbol => _columns.SymbolCodes is null;

    internal ChunkColumns Columns => _columns;

    /// <summary>Rows [start, start + count) of this batch, sharing its columns.</summary>
    internal TickBatch Range(int start, int count) => new(Exchange, ChunkStartUtc, _columns, _offset + start, count);

    internal int Offset => _offset;

    /// <summary>The CSV header of <see cref="WriteCsvAsync"/>: <c>exchange,symbol,</c> then <see cref="ColumnNames"/>.</summary>
    public string CsvHeader => _columns.Schema.Header;

    /// <summary>
    /// Writes the rows as CSV lines in the Tardis layout (<see cref="CsvHeader"/>, no header line written here), one per
    /// row, <c>\n</c>-terminated: µs times and integers as digits, prices, amounts and rates as the shortest decimal text
    /// that parses to the same double (so a CSV read gives back exactly these values), missing cells empty, enums as
    /// their Tardis words, booleans <c>true</c>/<c>false</c>, text quoted per RFC 4180 when needed. For data from
    /// Binance public data too (in the shared schema, not Binance's columns).
    /// </summary>
    /// <param name="writer">Where to write (not flushed or closed).</param>
    /// <param name="cancellationToken">Stops writing (between blocks of rows).</param>
    /// <returns>A task that completes when every row is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public async Task WriteCsvAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var lines = new System.Text.StringBuilder(1 << 16);
        for (var i = 0; i < Count; i++)
        {
            CsvRowWriter.WriteRow(lines, Exchange, _columns, _offset + i);
            lines.Append('\n');
            if (lines.Length >= 1 << 16 || i == Count - 1)
            {
                // One write per ~64 KB of text, not one per row.
                await writer.WriteAsync(lines, cancellationToken).ConfigureAwait(false);
                lines.Clear();
            }
        }
    }

    /// <summary>The <c>symbol</c> cell of a row exactly as the source wrote it.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The symbol.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public string GetSymbol(int index)
    {
        CheckIndex(index);
        return _columns.SymbolAt(_offset + index);
    }

    /// <summary>A double column by its Tardis name (e.g. <c>price</c>, <c>funding_rate</c>, <c>bids[0].amount</c>); NaN = missing.</summary>
    /// <param name="column">Column name.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">The data type has no double column of that name.</exception>
    public ReadOnlyMemory<double> GetDoubles(string column) => Slice(_columns.Doubles[Spec(column, ColumnKind.Double).Slot]);

    /// <summary>
    /// An int64 column by its Tardis name (timestamps in µs; <see cref="MissingInt64"/> = missing). <c>id</c> is one too
    /// when every id of the chunk is a canonical integer (<see cref="TradeBatch.HasNumericIds"/>).
    /// </summary>
    /// <param name="column">Column name.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">The data type has no int64 column of that name, or <c>id</c> holds non-integer ids (use <see cref="GetTexts"/>).</exception>
    public ReadOnlyMemory<long> GetInt64s(string column)
    {
        var spec = Spec(column, ColumnKind.Int64, ColumnKind.Id);
        if (spec.Kind == ColumnKind.Id)
        {
            return _columns.NumericIds is { } ids ? Slice(ids) : throw Errors.IdsNotNumeric(column, DataType);
        }

        return Slice(_columns.Int64[spec.Slot]);
    }

    /// <summary>An enum or bool column by its Tardis name, as byte codes (the values of <see cref="TradeSide"/>, <see cref="BookSide"/>, <see cref="OptionType"/>; bools 1/0).</summary>
    /// <param name="column">Column name.</param>
    /// <returns>The codes.</returns>
    /// <exception cref="ArgumentException">The data type has no enum or bool column of that name.</exception>
    public ReadOnlyMemory<byte> GetCodes(string column) => Slice(_columns.Bytes[Spec(column, ColumnKind.Enum, ColumnKind.Bool).Slot]);

    /// <summary>
    /// A text column by its Tardis name (e.g. <c>underlying_index</c>), or <c>id</c> exactly as the source wrote it
    /// (integer ids are formatted on this call, one string each: prefer <see cref="GetInt64s"/> for them).
    /// </summary>
    /// <param name="column">Column name.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">The data type has no text or id column of that name.</exception>
    public ReadOnlyMemory<string> GetTexts(string column)
    {
        var spec = Spec(column, ColumnKind.Text, ColumnKind.Id);
        if (spec.Kind == ColumnKind.Id)
        {
            return _columns.StringIds is { } texts
                ? Slice(texts)
                : Array.ConvertAll(Slice(_columns.NumericIds!).ToArray(), id => id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Slice(_columns.Text[spec.Slot]);
    }

    /// <summary>This batch as trades (<c>trades</c>), liquidations (<c>liquidations</c>, same columns) or aggregated trades (<c>agg_trades</c>: the same columns first; <see cref="GetInt64s"/> reads <c>first_trade_id</c> and <c>last_trade_id</c>).</summary>
    /// <returns>The typed view.</returns>
    /// <exception cref="InvalidOperationException">The batch is of another data type.</exception>
    public TradeBatch AsTrades() => new(Expect(TardisDataTypes.Trades, TardisDataTypes.Liquidations, TardisDataTypes.AggTrades));

    /// <summary>This batch as best bid/ask quotes (<c>quotes</c> or <c>book_ticker</c>).</summary>
    /// <returns>The typed view.</returns>
    /// <exception cref="InvalidOperationException">The batch is of another data type.</exception>
    public QuoteBatch AsQuotes() => new(Expect(TardisDataTypes.Quotes, TardisDataTypes.BookTicker));

    /// <summary>This batch as order-book changes (<c>incremental_book_L2</c>).</summary>
    /// <returns>The typed view.</returns>
    /// <exception cref="InvalidOperationException">The batch is of another data type.</exception>
    public BookChangeBatch AsBookChanges() => new(Expect(TardisDataTypes.IncrementalBookL2));

    /// <summary>This batch as top-N book snapshots (<c>book_snapshot_5</c> or <c>book_snapshot_25</c>).</summary>
    /// <returns>The typed view.</returns>
    /// <exception cref="InvalidOperationException">The batch is of another data type.</exception>
    public BookSnapshotBatch AsBookSnapshots() => new(Expect(TardisDataTypes.BookSnapshot5, TardisDataTypes.BookSnapshot25));

    /// <summary>This batch as derivative tickers (<c>derivative_ticker</c>: funding, open interest, mark and index prices).</summary>
    /// <returns>The typed view.</returns>
    /// <exception cref="InvalidOperationException">The batch is of another data type.</exception>
    public DerivativeTickerBatch AsDerivativeTickers() => new(Expect(TardisDataTypes.DerivativeTicker));

    /// <summary>This batch as an options chain (<c>options_chain</c>).</summary>
    /// <returns>The typed view.</returns>
    /// <exception cref="InvalidOperationException">The batch is of another data type.</exception>
    public OptionsChainBatch AsOptionsChain() => new(Expect(TardisDataTypes.OptionsChain));

    internal ReadOnlyMemory<T> Slice<T>(T[] column) => new(column, _offset, Count);

    /// <summary>An enum column as its public byte-backed enum, without copying (the runtime lets a byte[] be viewed as such an array).</summary>
    internal ReadOnlyMemory<TEnum> GetEnums<TEnum>(string column)
        where TEnum : unmanaged, Enum =>
        new((TEnum[])(object)_columns.Bytes[Spec(column, ColumnKind.Enum).Slot], _offset, Count);

    internal void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
    }

    private ColumnSpec Spec(string column, params ColumnKind[] kinds)
    {
        var spec = _columns.Schema.Column(column);
        return kinds.Contains(spec.Kind) ? spec : throw Errors.WrongColumnKind(column, DataType, spec.Kind.ToString(), kinds.Select(k => k.ToString()));
    }

    private TickBatch Expect(params string[] dataTypes) =>
        dataTypes.Contains(DataType, StringComparer.Ordinal) ? this : throw Errors.WrongView(DataType, dataTypes);
}
