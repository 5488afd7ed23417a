namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// One market of Binance's public archive and the exchange id that names it: spot = <c>binance</c> (<c>data/spot</c>),
/// USD-M futures = <c>binance-futures</c> (<c>data/futures/um</c>), COIN-M futures = <c>binance-delivery</c>
/// (<c>data/futures/cm</c>). Source: the binance-public-data README (shared reference binance-public-data.md). Immutable.
/// </summary>
/// <param name="Exchange">The exchange id queries use.</param>
/// <param name="Path">The market's folder below <c>{endpoint}/data/</c>.</param>
/// <param name="Kind">Which column layouts its files have.</param>
internal sealed record BinanceMarket(string Exchange, string Path, BinanceMarketKind Kind)
{
    public static IReadOnlyList<BinanceMarket> All { get; } =
    [
        new("binance", "spot", BinanceMarketKind.Spot),
        new("binance-futures", "futures/um", BinanceMarketKind.UsdM),
        new("binance-delivery", "futures/cm", BinanceMarketKind.CoinM),
    ];

    /// <summary>The market of an exchange id, or null when the archive has none.</summary>
    public static BinanceMarket? Of(string exchange) => All.FirstOrDefault(m => string.Equals(m.Exchange, exchange, StringComparison.Ordinal));
}
