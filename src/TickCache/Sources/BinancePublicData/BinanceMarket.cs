namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// One market of Binance's public archive and the exchange id that names it: spot = <c>binance</c> (<c>data/spot</c>),
/// USD-M futures = <c>binance-futures</c> (<c>data/futures/um</c>), COIN-M futures = <c>binance-delivery</c>
/// (<c>data/futures/cm</c>). Source: the binance-public-data README (shared reference binance-public-data.md). Immutable.
/// </summary>
/// <param name="Exchange">The exchange id queries use.</param>
/// <param name="Path">The market's folder below <c>{endpoint}/data/</c>.</param>
/// <param name="Kind">Which column layouts its files have.</param>
/// <param name="Name">The market's display name.</param>
internal sealed record BinanceMarket(string Exchange, string Path, BinanceMarketKind Kind, string Name)
{
    public static IReadOnlyList<BinanceMarket> All { get; } =
    [
        new("binance", "spot", BinanceMarketKind.Spot, "Binance Spot"),
        new("binance-futures", "futures/um", BinanceMarketKind.UsdM, "Binance USDT-M Futures"),
        new("binance-delivery", "futures/cm", BinanceMarketKind.CoinM, "Binance COIN-M Futures"),
    ];

    /// <summary>The market of an exchange id, or null when the archive has none.</summary>
    public static BinanceMarket? Of(string exchange) => All.FirstOrDefault(m => string.Equals(m.Exchange, exchange, StringComparison.Ordinal));
}
