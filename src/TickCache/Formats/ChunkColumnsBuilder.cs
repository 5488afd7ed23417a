using System.Globalization;

namespace TickCache.Formats;

/// <summary>
/// Growable column arrays filled row by row by the CSV decoder, laid out by a <see cref="DatasetSchema"/>. Ids are
/// int64 until the first non-canonical id, then every id so far becomes its exact decimal text. Symbols are interned:
/// one name per chunk unless the file holds several (grouped symbols). Int64, double, byte, id and symbol-code columns
/// are rented through a <see cref="ColumnRental"/> that the built <see cref="ChunkColumns"/> carries (so a fetched chunk
/// goes back to the pool like a read one); rented arrays hold stale values, so every cell of a row must be set. Text
/// columns are plain arrays.
/// </summary>
internal sealed class ChunkColumnsBuilder
{
    private readonly DatasetSchema _schema;
    private readonly long[][] _int64;
    private readonly double[][] _doubles;
    private readonly byte[][] _bytes;
    private readonly string[][] _text;
    private readonly List<string> _symbols = [];
    private long[]? _numericIds;
    private string[]? _stringIds;
    private int[]? _symbolCodes;
    private readonly ColumnRental _rental = new();
    private int _capacity;
    private bool _estimated;

    public ChunkColumnsBuilder(DatasetSchema schema, int capacity)
    {
        _schema = schema;
        _capacity = Math.Max(capacity, 16);
        _int64 = Alloc<long>(schema.Int64Count);
        _doubles = Alloc<double>(schema.DoubleCount);
        _bytes = Alloc<byte>(schema.ByteCount);
        _text = new string[schema.TextCount][];
        ResizeText(_capacity);

        _numericIds = schema.HasId ? _rental.Rent<long>(_capacity) : null;
    }

    public int Count { get; private set; }

    public bool NumericIds => _numericIds is not null;

    /// <summary>Starts a row and returns its index; every column of it must then be set.</summary>
    public int AddRow(int symbolCode)
    {
        if (Count == _capacity)
        {
            Grow();
        }

        if (symbolCode != 0 && _symbolCodes is null)
        {
            _symbolCodes = _rental.Rent<int>(_capacity);
            _symbolCodes.AsSpan(0, Count).Clear(); // the rows so far are all symbol 0 (rented arrays hold stale values)
        }

        if (_symbolCodes is not null)
        {
            _symbolCodes[Count] = symbolCode;
        }

        return Count++;
    }

    public int InternSymbol(string symbol)
    {
        _symbols.Add(symbol);
        return _symbols.Count - 1;
    }

    public void SetInt64(int slot, int row, long value) => _int64[slot][row] = value;

    public long GetInt64(int slot, int row) => _int64[slot][row];

    public void SetDouble(int slot, int row, double value) => _doubles[slot][row] = value;

    /// <summary>The double columns by slot (the outer array is stable; an inner array is replaced when the builder grows).</summary>
    public double[][] DoubleColumns => _doubles;

    public void SetByte(int slot, int row, byte value) => _bytes[slot][row] = value;

    public void SetText(int slot, int row, string value) => _text[slot][row] = value;

    public void SetId(int row, long id) => _numericIds![row] = id;

    /// <summary>Sets a string id, converting the numeric ids of earlier rows to their exact decimal text first.</summary>
    public void SetId(int row, string id)
    {
        if (_numericIds is not null)
        {
            _stringIds = new string[_capacity];
            for (var j = 0; j < row; j++)
            {
                _stringIds[j] = _numericIds[j].ToString(CultureInfo.InvariantCulture);
            }

            _rental.Forget(_numericIds);
            _numericIds = null;
        }

        _stringIds![row] = id;
    }

    /// <summary>
    /// Grows (never shrinks) the columns to hold <paramref name="rows"/> rows, so a good estimate costs one rental. Pass
    /// the estimate itself, without a safety margin: rented arrays come in size classes a quarter of a power of two
    /// apart (<see cref="ColumnPool"/>), which leave some headroom, and a margin that crosses into the next class adds up
    /// to a quarter to the memory of the chunk. After an estimate, running out first fills the class's room, then grows
    /// by 25 % instead of doubling.
    /// </summary>
    public void Reserve(int rows)
    {
        _estimated = true;
        if (rows > _capacity)
        {
            ResizeAll(rows);
        }
    }

    /// <summary>
    /// The columns, carrying the rental of the pooled ones. Pooled columns stay as rented (a smaller copy would need both
    /// at once, and the pool keeps the size class the next day rents again); text columns with more than 25 % unused
    /// slack are cut to <see cref="Count"/>.
    /// </summary>
    public ChunkColumns Build()
    {
        if (_capacity > Count + (Count / 4) + 16)
        {
            ResizeText(Count);
        }

        return new(_schema, Count, _int64, _doubles, _bytes, _text, _numericIds, _stringIds ?? (_schema.HasId && _numericIds is null ? [] : null), [.. _symbols], _symbolCodes, _rental);
    }

    private T[][] Alloc<T>(int columns)
    {
        var arrays = new T[columns][];
        for (var i = 0; i < columns; i++)
        {
            arrays[i] = _rental.Rent<T>(_capacity);
        }

        return arrays;
    }

    /// <summary>
    /// First uses the room the pooled arrays already have (their size class is longer than the capacity asked for: an
    /// estimate a little short of the real row count must not move a day's columns into the next, twice as large class);
    /// only then grows by 25 % after an estimate, else doubles.
    /// </summary>
    private void Grow()
    {
        var room = PooledRoom();
        ResizeAll(room > _capacity ? room : checked(_estimated ? _capacity + (_capacity / 4) + 16 : _capacity * 2));
    }

    /// <summary>The rows every pooled column holds already (the shortest rented array; the capacity when none is pooled).</summary>
    internal int PooledRoom()
    {
        var room = Math.Min(Shortest(_int64), Math.Min(Shortest(_doubles), Shortest(_bytes)));
        room = Math.Min(room, Math.Min(_numericIds?.Length ?? int.MaxValue, _symbolCodes?.Length ?? int.MaxValue));
        return room == int.MaxValue ? _capacity : room;
    }

    private static int Shortest(Array[] columns) => columns.Length == 0 ? int.MaxValue : columns.Min(c => c.Length);

    private void ResizeAll(int capacity)
    {
        var keep = Math.Min(Count, capacity);
        _capacity = capacity;
        Regrow(_int64, keep);
        Regrow(_doubles, keep);
        Regrow(_bytes, keep);
        ResizeText(_capacity);
        if (_numericIds is not null)
        {
            _numericIds = _rental.Regrow(_numericIds, _capacity, keep);
        }

        if (_symbolCodes is not null)
        {
            _symbolCodes = _rental.Regrow(_symbolCodes, _capacity, keep);
        }
    }

    /// <summary>The plain (not pooled) text and text-id columns to <paramref name="length"/> (a null column is created).</summary>
    private void ResizeText(int length)
    {
        for (var i = 0; i < _text.Length; i++)
        {
            Array.Resize(ref _text[i], length);
        }

        if (_stringIds is not null)
        {
            Array.Resize(ref _stringIds, length);
        }
    }

    private void Regrow<T>(T[][] arrays, int keep)
    {
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = _rental.Regrow(arrays[i], _capacity, keep);
        }
    }
}
