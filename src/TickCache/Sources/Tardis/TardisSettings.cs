using TickCache.Diagnostics;
using TickCache.Validation;

namespace TickCache.Sources.Tardis;

/// <summary>Checks the settings of the Tardis datasets source (<see cref="TickCacheOptions.DatasetsEndpoint"/>, <see cref="TickCacheOptions.MetadataEndpoint"/>). Pure.</summary>
internal static class TardisSettings
{
    public static void Validate(TickCacheOptions options)
    {
        Endpoint(options.DatasetsEndpoint, nameof(options.DatasetsEndpoint), options.AllowInsecureHttp);
        Endpoint(options.MetadataEndpoint, nameof(options.MetadataEndpoint), options.AllowInsecureHttp);
        if (options.InstrumentsRefreshInterval < TimeSpan.FromMinutes(1) || options.InstrumentsRefreshInterval > TimeSpan.FromDays(365))
        {
            throw Errors.SettingOutOfRange(nameof(options.InstrumentsRefreshInterval), options.InstrumentsRefreshInterval, "it must be between 1 minute and 365 days");
        }
    }

    private static void Endpoint(Uri? uri, string name, bool allowInsecure) =>
        RemoteStoreSettings.RequireEndpoint(uri, $"TickCacheOptions.{name}", name, allowInsecure, "https://datasets.tardis.dev/v1", "the API key", "set AllowInsecureHttp = true");
}
