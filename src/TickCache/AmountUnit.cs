namespace TickCache;

/// <summary>What a venue's <c>amount</c> counts for an instrument (<see cref="Instrument.AmountUnit"/>).</summary>
public enum AmountUnit
{
    /// <summary>Not established for this venue and instrument: base amounts and notionals are NaN, never a guess.</summary>
    Unknown = 0,

    /// <summary>Base currency (spot, linear contracts): base amount = amount.</summary>
    Base = 1,

    /// <summary>Contracts of <see cref="Instrument.ContractValue"/> quote currency each (inverse contracts): base amount = amount × contract value / price.</summary>
    Contracts = 2,

    /// <summary>Quote currency (e.g. inverse contracts quoted in USD): base amount = amount / price.</summary>
    Quote = 3,
}
