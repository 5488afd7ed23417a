using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Emulator;
using TickCache.Sources.Tardis;
using TickCache.Telemetry;
using TickCache.Sources;

namespace TickCache.Tests.Sources;

/// <summary>The source contract for the Tardis datasets source, against the emulator over real bundled files over real HTTP.</summary>
public sealed class TardisSourceContractTests : TickSourceContract
{
    private static readonly DateTime Apr4 = new(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc);

    private protected override async Task<SourceWorld> StartAsync()
    {
        // Real files of 2023-04-04/05; the 04-04 file is also served as 2023-04-06 (a wrong-day file).
        var root = TestData.TempDirectory();
        foreach (var (from, to) in new[] { ("04", "04"), ("05", "05"), ("04", "06") })
        {
            var target = Path.Combine(root, "v1", "binance-futures", "trades", "2023", "04", to, "BTCUSDT.csv.gz");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(TestData.Root, "v1", "binance-futures", "trades", "2023", "04", from, "BTCUSDT.csv.gz"), target);
        }

        var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = root, ApiKey = Harness.ApiKey });
        var http = new HttpClient();
        var options = new TickCacheOptions { DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress };
        var source = TardisDatasetsSource.Create(http, options, Harness.ApiKey, new MetadataDocuments(null, NullLogger.Instance, TimeProvider.System), new CacheCounters(), NullLogger.Instance);
        return new TardisWorld(source, http, emulator);
    }

    private sealed class TardisWorld(TardisDatasetsSource source, HttpClient http, TardisEmulator emulator) : SourceWorld(source, Apr4)
    {
        public override async ValueTask DisposeAsync()
        {
            source.Dispose();
            http.Dispose();
            await emulator.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
