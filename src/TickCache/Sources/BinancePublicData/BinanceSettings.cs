using TickCache.Validation;

namespace TickCache.Sources.BinancePublicData;

/// <summary>Checks <see cref="BinancePublicDataOptions"/>; messages name the setting (<c>BinancePublicData.…</c>). Pure.</summary>
internal static class BinanceSettings
{
    public static void Validate(BinancePublicDataOptions? binance, bool allowInsecure)
    {
        const string Prefix = "BinancePublicData.";
        ArgumentNullException.ThrowIfNull(binance, "options.BinancePublicData");
        RemoteStoreSettings.RequireEndpoint(binance.Endpoint, "TickCacheOptions." + Prefix + nameof(binance.Endpoint), Prefix + nameof(binance.Endpoint), allowInsecure, "https://data.binance.vision", "the data", "set AllowInsecureHttp = true");
        OptionsValidation.Range(binance.MaxConcurrentRequests, 1, 256, Prefix + nameof(binance.MaxConcurrentRequests));
        OptionsValidation.Rate(binance.RequestsPerSecond, Prefix + nameof(binance.RequestsPerSecond));
        if (binance.MonthlyFileDelay < TimeSpan.Zero || binance.MonthlyFileDelay > TimeSpan.FromDays(31))
        {
            throw Diagnostics.Errors.SettingOutOfRange(Prefix + nameof(binance.MonthlyFileDelay), binance.MonthlyFileDelay, "it must be between 0 and 31 days");
        }
    }
}
