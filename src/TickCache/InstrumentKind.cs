namespace TickCache;

/// <summary>The kind of an <see cref="Instrument"/>.</summary>
public enum InstrumentKind
{
    /// <summary>A spot pair.</summary>
    Spot = 0,

    /// <summary>A perpetual swap.</summary>
    Perpetual = 1,

    /// <summary>A dated future.</summary>
    Future = 2,

    /// <summary>An option (<see cref="Instrument.StrikePrice"/>, <see cref="Instrument.OptionType"/>, <see cref="Instrument.Expiry"/>).</summary>
    Option = 3,
}
