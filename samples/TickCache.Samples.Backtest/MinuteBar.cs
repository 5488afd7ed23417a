namespace TickCache.Samples.Backtest;

/// <summary>One 1-minute OHLCV bar: open/close by exchange timestamp, VWAP and taker buy/sell volume (base currency).</summary>
internal sealed class MinuteBar(long minuteStartMicros)
{
    private long _openTime = long.MaxValue;
    private long _closeTime = long.MinValue;
    private double _notional;

    public long MinuteStartMicros { get; } = minuteStartMicros;

    public double Open { get; private set; }

    public double High { get; private set; } = double.MinValue;

    public double Low { get; private set; } = double.MaxValue;

    public double Close { get; private set; }

    public double Volume { get; private set; }

    public double BuyVolume { get; private set; }

    public double SellVolume { get; private set; }

    public int Trades { get; private set; }

    public double Vwap => Volume > 0 ? _notional / Volume : double.NaN;

    public void Add(long timestamp, double price, double amount, TradeSide side)
    {
        if (timestamp < _openTime)
        {
            _openTime = timestamp;
            Open = price;
        }

        if (timestamp >= _closeTime)
        {
            _closeTime = timestamp;
            Close = price;
        }

        High = Math.Max(High, price);
        Low = Math.Min(Low, price);
        Volume += amount;
        _notional += price * amount;
        Trades++;
        if (side == TradeSide.Buy)
        {
            BuyVolume += amount;
        }
        else if (side == TradeSide.Sell)
        {
            SellVolume += amount;
        }
    }
}
