using System.Globalization;

namespace TickCache.Formats;

/// <summary>Growable column arrays filled row by row by the CSV decoder; ids switch from int64 to strings on the first non-numeric id.</summary>
internal sealed class TradeColumnsBuilder
{
    private long[] _timestamps;
    private long[] _localTimestamps;
    private long[]? _numericIds;
    private string[]? _stringIds;
    private TradeSide[] _sides;
    private double[] _prices;
    private double[] _amounts;

    public TradeColumnsBuilder(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _timestamps = new long[capacity];
        _localTimestamps = new long[capacity];
        _numericIds = new long[capacity];
        _sides = new TradeSide[capacity];
        _prices = new double[capacity];
        _amounts = new double[capacity];
    }

    public int Count { get; private set; }

    public bool NumericIds => _numericIds is not null;

    /// <summary>Appends a row whose id is numeric; call only while <see cref="NumericIds"/> is true.</summary>
    public void Add(long timestamp, long localTimestamp, long id, TradeSide side, double price, double amount)
    {
        var i = Append(timestamp, localTimestamp, side, price, amount); // before indexing: Append may grow the arrays
        _numericIds![i] = id;
    }

    /// <summary>Appends a row with a string id, converting earlier numeric ids to their exact decimal text first.</summary>
    public void Add(long timestamp, long localTimestamp, string id, TradeSide side, double price, double amount)
    {
        if (_numericIds is not null)
        {
            _stringIds = new string[_timestamps.Length];
            for (var j = 0; j < Count; j++)
            {
                _stringIds[j] = _numericIds[j].ToString(CultureInfo.InvariantCulture);
            }

            _numericIds = null;
        }

        var i = Append(timestamp, localTimestamp, side, price, amount);
        _stringIds![i] = id;
    }

    public TradeColumns Build(string? sourceSymbol) => new(Count, _timestamps, _localTimestamps, _numericIds, _stringIds, _sides, _prices, _amounts) { SourceSymbol = sourceSymbol };

    /// <summary>Reserves a row, writes every column but the id, and returns the row's index.</summary>
    private int Append(long timestamp, long localTimestamp, TradeSide side, double price, double amount)
    {
        var i = Reserve();
        _timestamps[i] = timestamp;
        _localTimestamps[i] = localTimestamp;
        _sides[i] = side;
        _prices[i] = price;
        _amounts[i] = amount;
        return i;
    }

    private int Reserve()
    {
        if (Count == _timestamps.Length)
        {
            var size = checked(_timestamps.Length * 2);
            Array.Resize(ref _timestamps, size);
            Array.Resize(ref _localTimestamps, size);
            if (_numericIds is not null)
            {
                Array.Resize(ref _numericIds, size);
            }
            else
            {
                Array.Resize(ref _stringIds, size);
            }

            Array.Resize(ref _sides, size);
            Array.Resize(ref _prices, size);
            Array.Resize(ref _amounts, size);
        }

        return Count++;
    }
}
