namespace TickCache;

/// <summary>The settings of the Binance public data source (declared beside it; see <see cref="TickCacheOptions"/>).</summary>
public sealed partial class TickCacheOptions
{
    /// <summary>
    /// The settings of the keyless source <see cref="TickSources.BinancePublicData"/> (Binance's public archive of daily
    /// and monthly zip files), which every client holds; it is used only by queries that name it. Validated at construction.
    /// </summary>
    /// <value>The default value is a <see cref="BinancePublicDataOptions"/> with its defaults (the public endpoint).</value>
    public BinancePublicDataOptions BinancePublicData { get; set; } = new();
}
