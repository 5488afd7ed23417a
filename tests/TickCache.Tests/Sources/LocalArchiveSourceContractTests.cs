using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Sources;
using TickCache.Sources.LocalArchive;

namespace TickCache.Tests.Sources;

/// <summary>The source contract for a local archive: a tardis-dev style folder of real files, one of them another day's file under a wrong name.</summary>
public sealed class LocalArchiveSourceContractTests : TickSourceContract
{
    private static readonly DateTime Apr4 = new(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc);

    private protected override Task<SourceWorld> StartAsync()
    {
        var root = ArchiveFolder.Create(
            ("binance-futures", "trades", "BTCUSDT", Apr4, null),
            ("binance-futures", "trades", "BTCUSDT", Apr4.AddDays(1), null),
            ("binance-futures", "trades", "BTCUSDT", Apr4, Apr4.AddDays(2)));
        var source = new LocalArchiveSource(new LocalArchiveOptions { Directory = root }, null, TimeProvider.System, NullLogger.Instance);
        return Task.FromResult(new SourceWorld(source, Apr4));
    }
}
