using TickCache.Sources;
using TickCache.Validation;

namespace TickCache;

/// <summary>Instrument definitions and canonical instrument ids.</summary>
public sealed partial class TickCacheClient
{
    /// <summary>
    /// The definition of a venue's instrument (currencies, kind, what <c>amount</c> counts, contract value), or null
    /// when TickCache has no established facts for it. Today: Binance spot (<c>binance</c>), USD-M
    /// (<c>binance-futures</c>) and COIN-M (<c>binance-delivery</c>) from their documented contract specifications; no
    /// request is made. Other venues return null (their definitions need the Tardis instruments API, not read yet).
    /// </summary>
    /// <param name="exchange">The exchange id.</param>
    /// <param name="symbol">The dataset symbol (case-insensitive), e.g. <c>BTCUSD_PERP</c>.</param>
    /// <returns>The definition, or null.</returns>
    /// <exception cref="ArgumentException">The exchange id or symbol is not well formed.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Instrument? GetInstrument(string exchange, string symbol)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return InstrumentCatalog.Describe(QueryValidation.Exchange(exchange), QueryValidation.Symbol(symbol));
    }

    /// <summary>
    /// The instrument a canonical id names (<see cref="Instrument.CanonicalId"/>: <c>{BASE}-{QUOTE}-{SPOT|PERP|FUT-yyyyMMdd}@{exchange}</c>,
    /// e.g. <c>BTC-USD-PERP@binance-delivery</c>), so a query can name instruments instead of venue symbols:
    /// <c>new TickQuery(i.Exchange, TardisDataTypes.Trades, i.Symbol, …)</c>.
    /// </summary>
    /// <param name="canonicalId">The canonical id.</param>
    /// <returns>The instrument, or null when the id is not one or names no instrument TickCache knows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="canonicalId"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public Instrument? ResolveInstrument(string canonicalId)
    {
        ArgumentNullException.ThrowIfNull(canonicalId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return InstrumentCatalog.Resolve(canonicalId) is var (exchange, symbol) ? InstrumentCatalog.Describe(exchange, symbol) : null;
    }
}
