namespace TickCache;

/// <summary>
/// Which instruments <see cref="TickCacheClient.GetInstrumentsAsync"/> returns (the Tardis instruments API's
/// <c>filter</c>: <c>baseCurrency</c>, <c>quoteCurrency</c>, <c>type</c>, <c>active</c>). A null field matches every
/// instrument; currencies compare case-insensitively. Immutable.
/// </summary>
/// <param name="BaseCurrency">The base currency, e.g. <c>BTC</c>, or null.</param>
/// <param name="QuoteCurrency">The quote currency, e.g. <c>USDT</c>, or null.</param>
/// <param name="Kind">The kind, or null.</param>
/// <param name="Active">Only instruments that are (true) or are not (false) listed today, or null.</param>
public sealed record InstrumentFilter(string? BaseCurrency = null, string? QuoteCurrency = null, InstrumentKind? Kind = null, bool? Active = null)
{
    /// <summary>Whether <paramref name="instrument"/> matches every field that is set.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>True when it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instrument"/> is null.</exception>
    public bool Matches(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return (BaseCurrency is null || string.Equals(BaseCurrency, instrument.BaseCurrency, StringComparison.OrdinalIgnoreCase))
            && (QuoteCurrency is null || string.Equals(QuoteCurrency, instrument.QuoteCurrency, StringComparison.OrdinalIgnoreCase))
            && (Kind is null || Kind == instrument.Kind)
            && (Active is null || Active == instrument.Active);
    }
}
