namespace TickCache.Sources.BinancePublicData;

/// <summary>The three markets of the archive, which differ in their files' columns (spot has <c>is_best_match</c>, COIN-M <c>base_qty</c>).</summary>
internal enum BinanceMarketKind
{
    /// <summary>Spot: no header, <c>True</c>/<c>False</c>, ms until 2024-12-31 and µs from 2025-01-01.</summary>
    Spot,

    /// <summary>USD-M futures: header, <c>true</c>/<c>false</c>, ms.</summary>
    UsdM,

    /// <summary>COIN-M futures: as USD-M; trades carry <c>qty</c> in contracts and <c>base_qty</c>.</summary>
    CoinM,
}
