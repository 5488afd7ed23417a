using System.Globalization;

namespace TickCache.Formats;

/// <summary>
/// Growable column arrays filled row by row by the CSV decoder, laid out by a <see cref="DatasetSchema"/>. Ids are
/// int64 until the first non-canonical id, then every id so far becomes its exact decimal text. Symbols are interned:
/// one name per chunk unless the file holds several (grouped symbols).
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
    private int _capacity;
    private bool _estimated;

    public ChunkColumnsBuilder(DatasetSchema schema, int capacity)
    {
        _schema = schema;
        _capacity = Math.Max(capacity, 16);
        _int64 = Alloc<long>(schema.Int64Count);
        _doubles = Alloc<double>(schema.DoubleCount);
        _bytes = Alloc<byte>(schema.ByteCount);
        _text = Alloc<string>(schema.TextCount);
        _numericIds = schema.HasId ? new long[_capacity] : null;
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
            _symbolCodes = new int[_capacity];
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

            _numericIds = null;
        }

        _stringIds![row] = id;
    }

    /// <summary>The columns; arrays with more than 25 % unused slack are first cut to <see cref="Count"/> (bounds memory and L1 size).</summary>
    /// <summary>
    /// Grows (never shrinks) the columns to hold <paramref name="rows"/> rows, so a good estimate costs one allocation.
    /// After an estimate, running out grows by 25 % instead of doubling: the estimate was close, and staying within the
    /// 25 % slack that <see cref="Build"/> keeps avoids another full copy.
    /// </summary>
    public void Reserve(int rows)
    {
        _estimated = true;
        if (rows > _capacity)
        {
            ResizeAll(rows);
        }
    }

    public ChunkColumns Build()
    {
        if (_capacity > Count + (Count / 4) + 16)
        {
            ResizeAll(Count);
        }

        return new(_schema, Count, _int64, _doubles, _bytes, _text, _numericIds, _stringIds ?? (_schema.HasId && _numericIds is null ? [] : null), [.. _symbols], _symbolCodes);
    }

    private T[][] Alloc<T>(int columns)
    {
        var arrays = new T[columns][];
        for (var i = 0; i < columns; i++)
        {
            arrays[i] = new T[_capacity];
        }

        return arrays;
    }

    private void Grow() => ResizeAll(checked(_estimated ? _capacity + (_capacity / 4) + 16 : _capacity * 2));

    private void ResizeAll(int capacity)
    {
        _capacity = capacity;
        Resize(_int64);
        Resize(_doubles);
        Resize(_bytes);
        Resize(_text);
        if (_numericIds is not null)
        {
            Array.Resize(ref _numericIds, _capacity);
        }

        if (_stringIds is not null)
        {
            Array.Resize(ref _stringIds, _capacity);
        }

        if (_symbolCodes is not null)
        {
            Array.Resize(ref _symbolCodes, _capacity);
        }
    }

    private void Resize<T>(T[][] arrays)
    {
        for (var i = 0; i < arrays.Length; i++)
        {
            Array.Resize(ref arrays[i], _capacity);
        }
    }
}
