using System.Globalization;

namespace TickCache;

/// <summary>
/// The definition of one instrument of one venue, as TickCache knows it: currencies, kind, what <c>amount</c> counts,
/// the contract value of inverse contracts, and a venue-neutral <see cref="CanonicalId"/>. From
/// <see cref="TickCacheClient.GetInstrument"/>; each definition says where its facts come from (<see cref="Basis"/>).
/// Immutable.
/// </summary>
/// <param name="Exchange">The exchange id, e.g. <c>binance-delivery</c>.</param>
/// <param name="Symbol">The dataset symbol, e.g. <c>BTCUSD_PERP</c>.</param>
/// <param name="BaseCurrency">The base currency, e.g. <c>BTC</c>.</param>
/// <param name="QuoteCurrency">The quote currency (the currency of <c>price</c>), e.g. <c>USD</c>.</param>
/// <param name="Kind">Spot, perpetual or dated future.</param>
/// <param name="Expiry">The expiry day (UTC) of a dated future, else null.</param>
/// <param name="Inverse">True for an inverse (coin-margined) contract.</param>
/// <param name="AmountUnit">What <c>amount</c> counts.</param>
/// <param name="ContractValue">Quote currency per contract when <paramref name="AmountUnit"/> is <see cref="AmountUnit.Contracts"/>, else NaN.</param>
/// <param name="Basis">Where the facts come from (a document or an API), one sentence.</param>
public sealed record Instrument(string Exchange, string Symbol, string BaseCurrency, string QuoteCurrency, InstrumentKind Kind, DateTime? Expiry, bool Inverse, AmountUnit AmountUnit, double ContractValue, string Basis)
{
    /// <summary>
    /// The venue-neutral id: <c>{BASE}-{QUOTE}-{SPOT|PERP|FUT-yyyyMMdd}@{exchange}</c>, e.g.
    /// <c>BTC-USDT-PERP@binance-futures</c>, <c>BTC-USD-PERP@binance-delivery</c>, <c>BTC-USDT-SPOT@binance</c>,
    /// <c>BTC-USD-FUT-20240927@binance-delivery</c>. <see cref="TickCacheClient.ResolveInstrument"/> turns it back into the venue's symbol.
    /// </summary>
    public string CanonicalId => string.Create(CultureInfo.InvariantCulture, $"{BaseCurrency}-{QuoteCurrency}-{Kind switch { InstrumentKind.Spot => "SPOT", InstrumentKind.Perpetual => "PERP", _ => $"FUT-{Expiry:yyyyMMdd}" }}@{Exchange}");

    /// <summary>The base-currency amount of a row with <paramref name="amount"/> at <paramref name="price"/>, by <see cref="AmountUnit"/>; NaN when the unit is unknown or the price is not positive.</summary>
    /// <param name="amount">The row's <c>amount</c>.</param>
    /// <param name="price">The row's <c>price</c> (quote currency per base).</param>
    /// <returns>The amount in base currency.</returns>
    public double BaseAmount(double amount, double price) => AmountUnit switch
    {
        AmountUnit.Base => amount,
        AmountUnit.Contracts when price > 0 => amount * ContractValue / price,
        AmountUnit.Quote when price > 0 => amount / price,
        _ => double.NaN,
    };

    /// <summary>The base amounts of a column of amounts at their prices: the amounts themselves (no copy) in base units, else a new array.</summary>
    internal ReadOnlyMemory<double> BaseAmounts(ReadOnlyMemory<double> amounts, ReadOnlyMemory<double> prices)
    {
        if (AmountUnit == AmountUnit.Base)
        {
            return amounts;
        }

        var a = amounts.Span;
        var p = prices.Span;
        var result = new double[a.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BaseAmount(a[i], p[i]);
        }

        return result;
    }
}
