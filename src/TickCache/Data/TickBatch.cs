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
/// <para>
/// Columns are shared, not copied (the L1 memory tier hands the same memory to every reader), hence read-only. Missing
/// values (empty CSV cells) are <see cref="double.NaN"/> in double columns and <see cref="MissingInt64"/> in optional
/// int64 columns (<c>funding_timestamp</c>, <c>expiration</c>), never 0. Immutable and thread-safe.
/// </para>
/// <para>
/// <b>Lifetime.</b> A batch yielded by a <see cref="TickCacheClient"/> stream is valid until that enumerator moves to
/// its next batch or is disposed: its columns live in pooled arrays that are then reused for later chunks, so a long
/// stream reads day after day without allocating. After that, every member that reads rows — the column properties and
/// methods, the typed views' columns and indexers, and any <see cref="ReadOnlyMemory{T}"/> taken from them, on its
/// <c>Span</c> — throws <see cref="ObjectDisposedException"/>; it never shows other rows. <see cref="Count"/>,
/// <see cref="Exchange"/>, <see cref="DataType"/> and <see cref="ChunkStartUtc"/> stay readable. To hold rows longer
/// (a list of batches, a batch kept for later), call <see cref="Keep"/> inside the loop: it copies them.
/// </para>
/// </remarks>
public sealed class TickBatch
{
    /// <summary>The value of a missing (empty) optional int64 cell: <see cref="long.MinValue"/>.</summary>
    public const long MissingInt64 = ColumnSpec.MissingInt64;

    private readonly ChunkColumns _columns;
    private readonly int _offset;
    private readonly BatchScope _scope;
    private object?[]? _views;

    internal TickBatch(string exchange, DateTime chunkStartUtc, ChunkColumns columns, int offset, int count, BatchScope? scope = null)
    {
        Exchange = exchange;
        ChunkStartUtc = chunkStartUtc;
        _columns = columns;
        _offset = offset;
        Count = count;
        _scope = scope ?? BatchScope.Unbounded;
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

    /// <summary>
    /// This batch's rows copied into memory of their own: valid for as long as it is referenced, whatever the stream
    /// that yielded this batch does next. Call it inside the loop, before the enumerator moves on. A batch that already
    /// owns its memory (a kept one) returns itself.
    /// </summary>
    /// <returns>A batch with the same rows, exchange, chunk and columns that never expires.</returns>
    /// <exception cref="ObjectDisposedException">This batch's lifetime has already ended (see the remarks).</exception>
    public TickBatch Keep()
    {
        if (ReferenceEquals(_scope, BatchScope.Unbounded))
        {
            return this;
        }

        var copy = Columns.Copy(_offset, Count);
        _scope.ThrowIfEnded(); // the copy is only good if the arrays were still this batch's while it ran
        return new TickBatch(Exchange, ChunkStartUtc, copy, 0, Count);
    }

    /// <summary>Exchange time per row, µs since the Unix epoch, UTC (Tardis <c>timestamp</c>).</summary>
    public ReadOnlyMemory<long> Timestamps => Slice(_columns.Timestamps, 0);

    /// <summary>Arrival time per row at the recorder, µs since the Unix epoch, UTC (Tardis <c>local_timestamp</c>).</summary>
    public ReadOnlyMemory<long> LocalTimestamps => Slice(_columns.LocalTimestamps, 1);

    /// <summary>True when every row has the same symbol (<see cref="GetSymbol"/> of any row); false for grouped-symbol files.</summary>
    public bool HasSingleSymbol => _columns.SymbolCodes is null;

    /// <summary>The columns (checked: throws once the batch's lifetime has ended).</summary>
    internal ChunkColumns Columns
    {
        get
        {
            _scope.ThrowIfEnded();
            return _columns;
        }
    }

    /// <summary>The <c>local_timestamp</c> of each row, for the pipeline's merges (checked once, no view object).</summary>
    internal ReadOnlySpan<long> LocalTimestampSpan => Columns.LocalTimestamps.AsSpan(_offset, Count);

    /// <summary>Rows [start, start + count) of this batch, sharing its columns, valid while <paramref name="scope"/> is (default: this batch's).</summary>
    internal TickBatch Range(int start, int count, BatchScope? scope = null) => new(Exchange, ChunkStartUtc, _columns, _offset + start, count, scope ?? _scope);

    /// <summary>The same rows, valid while <paramref name="scope"/> is.</summary>
    internal TickBatch InScope(BatchScope scope) => new(Exchange, ChunkStartUtc, _columns, _offset, Count, scope);

    internal BatchScope Scope => _scope;

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
        var columns = Columns;
        for (var i = 0; i < Count; i++)
        {
            CsvRowWriter.WriteRow(lines, Exchange, columns, _offset + i);
            lines.Append('\n');
            if (lines.Length >= 1 << 16 || i == Count - 1)
            {
                // One write per ~64 KB of text, not one per row; the lifetime is checked once per block.
                await writer.WriteAsync(lines, cancellationToken).ConfigureAwait(false);
                lines.Clear();
                _scope.ThrowIfEnded();
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
        return Columns.SymbolAt(_offset + index);
    }

    /// <summary>A double column by its Tardis name (e.g. <c>price</c>, <c>funding_rate</c>, <c>bids[0].amount</c>); NaN = missing.</summary>
    /// <param name="column">Column name.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">The data type has no double column of that name.</exception>
    public ReadOnlyMemory<double> GetDoubles(string column)
    {
        var slot = Spec(column, ColumnKind.Double).Slot;
        return Slice(Columns.Doubles[slot], ViewIndex(ColumnKind.Double, slot));
    }

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
            return Columns.NumericIds is { } ids ? Slice(ids, NumericIdsView) : throw Errors.IdsNotNumeric(column, DataType);
        }

        return Slice(Columns.Int64[spec.Slot], spec.Slot);
    }

    /// <summary>An enum or bool column by its Tardis name, as byte codes (the values of <see cref="TradeSide"/>, <see cref="BookSide"/>, <see cref="OptionType"/>; bools 1/0).</summary>
    /// <param name="column">Column name.</param>
    /// <returns>The codes.</returns>
    /// <exception cref="ArgumentException">The data type has no enum or bool column of that name.</exception>
    public ReadOnlyMemory<byte> GetCodes(string column)
    {
        var slot = Spec(column, ColumnKind.Enum, ColumnKind.Bool).Slot;
        return Slice(Columns.Bytes[slot], ViewIndex(ColumnKind.Bool, slot));
    }

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
            return Columns.StringIds is { } texts
                ? Slice(texts, StringIdsView)
                : Array.ConvertAll(Slice(Columns.NumericIds!, NumericIdsView).ToArray(), id => id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Slice(Columns.Text[spec.Slot], ViewIndex(ColumnKind.Text, spec.Slot));
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

    /// <summary>The view slot of the numeric ids (see <see cref="Slice{T}"/>).</summary>
    internal int NumericIdsView => ViewIndex(ColumnKind.Text, _columns.Schema.TextCount);

    /// <summary>The view slot of the text ids.</summary>
    internal int StringIdsView => NumericIdsView + 1;

    /// <summary>
    /// Rows of this batch in one of its columns, as memory that checks the batch's lifetime on every use. The view
    /// object is made once per batch and column (<paramref name="viewIndex"/>: int64 slots, then doubles, byte codes,
    /// enum views, text, ids), so reading a column property once per row allocates nothing.
    /// </summary>
    internal ReadOnlyMemory<T> Slice<T>(T[] column, int viewIndex)
    {
        _scope.ThrowIfEnded();
        if (ReferenceEquals(_scope, BatchScope.Unbounded))
        {
            return new(column, _offset, Count);
        }

        var views = Volatile.Read(ref _views) ?? Interlocked.CompareExchange(ref _views, new object?[ViewIndex(ColumnKind.Text, _columns.Schema.TextCount) + 2], null) ?? _views;
        if (Volatile.Read(ref views[viewIndex]) is not ColumnView<T> view)
        {
            view = new ColumnView<T>(column, _offset, Count, _scope);
            Volatile.Write(ref views[viewIndex], view); // a race makes two equal views: harmless
        }

        return view.ReadOnly;
    }

    private int ViewIndex(ColumnKind kind, int slot)
    {
        var schema = _columns.Schema;
        return kind switch
        {
            ColumnKind.Int64 => slot,
            ColumnKind.Double => schema.Int64Count + slot,
            ColumnKind.Enum => schema.Int64Count + schema.DoubleCount + schema.ByteCount + slot, // as an enum view
            ColumnKind.Text => schema.Int64Count + schema.DoubleCount + (2 * schema.ByteCount) + slot,
            _ => schema.Int64Count + schema.DoubleCount + slot, // byte codes (enums and bools)
        };
    }

    /// <summary>An enum column as its public byte-backed enum, without copying.</summary>
    internal ReadOnlyMemory<TEnum> GetEnums<TEnum>(string column)
        where TEnum : unmanaged, Enum
    {
        // The runtime lets a byte[] be viewed as an array of a byte-backed enum: no copy.
        var slot = Spec(column, ColumnKind.Enum).Slot;
        return Slice((TEnum[])(object)Columns.Bytes[slot], ViewIndex(ColumnKind.Enum, slot));
    }

    internal void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
    }

    private ColumnSpec Spec(string column, params ReadOnlySpan<ColumnKind> kinds)
    {
        var spec = _columns.Schema.Column(column);
        return kinds.Contains(spec.Kind) ? spec : throw Errors.WrongColumnKind(column, DataType, spec.Kind.ToString(), kinds.ToArray().Select(k => k.ToString()));
    }

    private TickBatch Expect(params string[] dataTypes) =>
        dataTypes.Contains(DataType, StringComparer.Ordinal) ? this : throw Errors.WrongView(DataType, dataTypes);
}
