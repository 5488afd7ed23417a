using System.Globalization;
using TickCache.Sources.BinancePublicData;

namespace TickCache.Sources;

/// <summary>
/// The instrument facts TickCache has, per exchange (the one place outside a source's folder that routes to a vendor's
/// facts): Binance's three markets from documented contract specifications. Other venues are not established yet
/// (null): their definitions need the Tardis instruments API. Canonical ids parse back to a venue symbol. Pure.
/// </summary>
internal static class InstrumentCatalog
{
    public static Instrument? Describe(string exchange, string symbol) => BinanceInstruments.Describe(exchange, symbol.ToUpperInvariant());

    /// <summary>The instrument of a canonical id <c>{BASE}-{QUOTE}-{SPOT|PERP|FUT-yyyyMMdd}@{exchange}</c>, or null when it is not one or the venue has no such instrument.</summary>
    public static Instrument? Resolve(string canonicalId)
    {
        var at = canonicalId.LastIndexOf('@');
        if (at <= 0 || at == canonicalId.Length - 1)
        {
            return null;
        }

        var exchange = canonicalId[(at + 1)..];
        var parts = canonicalId[..at].ToUpperInvariant().Split('-');
        (InstrumentKind Kind, DateTime? Expiry)? kind = parts switch
        {
            [_, _, "SPOT"] => (InstrumentKind.Spot, null),
            [_, _, "PERP"] => (InstrumentKind.Perpetual, null),
            [_, _, "FUT", var day] when DateTime.TryParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expiry) => (InstrumentKind.Future, DateTime.SpecifyKind(expiry, DateTimeKind.Utc)),
            _ => null,
        };
        if (kind is not { } k || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return null;
        }

        var symbol = BinanceInstruments.SymbolOf(exchange, parts[0], parts[1], k.Kind, k.Expiry);
        var instrument = symbol is null ? null : Describe(exchange, symbol);
        return instrument?.CanonicalId == canonicalId.ToUpperInvariant()[..at] + "@" + exchange ? instrument : null;
    }
}
