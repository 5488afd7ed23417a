namespace TickCache.Samples.CrossExchange;

/// <summary>One venue's trades in one minute: base volume, quote notional (so VWAP = notional / base volume) and the last price.</summary>
internal sealed class VenueMinute
{
    public double BaseVolume { get; private set; }

    public double Notional { get; private set; }

    public double Last { get; private set; } = double.NaN;

    public int Trades { get; private set; }

    public double Vwap => BaseVolume > 0 ? Notional / BaseVolume : double.NaN;

    public void Add(double baseAmount, double price)
    {
        BaseVolume += baseAmount;
        Notional += baseAmount * price;
        Last = price;
        Trades++;
    }
}
