using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Sources.BinancePublicData;
using TickCache.Telemetry;

namespace TickCache.Tests.Sources.Binance;

/// <summary>The source contract for Binance public data, against the emulator over the converted real files over real HTTP.</summary>
public sealed class BinanceSourceContractTests : TickSourceContract
{
    private static readonly DateTime Jul17 = new(2024, 7, 17, 0, 0, 0, DateTimeKind.Utc);

    private protected override async Task<SourceWorld> StartAsync()
    {
        // Real USD-M BTCUSDT trades of 2024-07-18; the same zip also published as 2024-07-19 (a wrong-day file).
        var folder = await BinanceFolder.StartAsync();
        folder.CopyBundled("futures/um", "daily", "trades", "BTCUSDT", "2024-07-18", "2024-07-18");
        folder.CopyBundled("futures/um", "daily", "trades", "BTCUSDT", "2024-07-18", "2024-07-19");
        var http = new HttpClient();
        var options = new BinancePublicDataOptions { Endpoint = folder.Emulator.RootAddress };
        var source = new BinancePublicDataSource(http, options, 0, new CacheCounters(), TimeProvider.System, NullLogger.Instance);
        return new BinanceWorld(source, http, folder);
    }

    private sealed class BinanceWorld(BinancePublicDataSource source, HttpClient http, BinanceFolder folder) : SourceWorld(source, Jul17)
    {
        public override async ValueTask DisposeAsync()
        {
            http.Dispose();
            await folder.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
