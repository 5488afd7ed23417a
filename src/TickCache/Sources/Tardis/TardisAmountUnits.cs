namespace TickCache.Sources.Tardis;

/// <summary>
/// What <c>amount</c> counts in a Tardis dataset of a venue's instrument, only where it is established (shared reference
/// tardis-api.md, "Units of amount"); anything else is <see cref="AmountUnit.Unknown"/> (base amounts NaN), never a guess:
/// <list type="bullet">
/// <item>spot, every venue: base currency;</item>
/// <item>linear contracts whose multiplier is absent or 1, every venue but BitMEX: base currency (a contract is one unit
/// of base); BitMEX linear and quanto contracts and other multipliers (e.g. OKX 0.01 BTC): unknown;</item>
/// <item>inverse on <c>binance-delivery</c> and <c>bitmex</c>: contracts, each worth the contract multiplier in quote
/// currency (Binance COIN-M BTCUSD_PERP 100 USD, other coins 10 USD; BitMEX XBTUSD 1 USD);</item>
/// <item>inverse on <c>deribit</c>: quote currency (BTC-PERPETUAL's amount is USD);</item>
/// <item>options, and inverse contracts of every other venue: unknown.</item>
/// </list>
/// Pure.
/// </summary>
internal static class TardisAmountUnits
{
    public static (AmountUnit Unit, string Why) Of(string exchange, InstrumentKind kind, bool inverse, double multiplier) => (exchange, kind, inverse) switch
    {
        (_, InstrumentKind.Spot, _) => (AmountUnit.Base, "spot amounts are base currency"),
        (_, InstrumentKind.Option, _) => (AmountUnit.Unknown, "the unit of option amounts is not established"),
        ("binance-delivery" or "bitmex", _, true) when multiplier > 0 => (AmountUnit.Contracts, $"contracts of {multiplier} quote currency (the contract multiplier)"),
        ("deribit", _, true) => (AmountUnit.Quote, "Deribit inverse amounts are quote currency (USD)"),
        (_, _, true) => (AmountUnit.Unknown, $"the unit of {exchange}'s inverse amounts is not established"),
        (not "bitmex", _, false) when double.IsNaN(multiplier) || multiplier == 1 => (AmountUnit.Base, "linear amounts are base currency (contract multiplier 1)"),
        _ => (AmountUnit.Unknown, $"the unit of {exchange}'s linear amounts at contract multiplier {multiplier} is not established"),
    };
}
