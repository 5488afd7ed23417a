using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Planning;
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
        return Task.FromResult<SourceWorld>(new ArchiveWorld(root));
    }

    private sealed class ArchiveWorld(string root) : SourceWorld
    {
        private readonly LocalArchiveSource _source = new(new LocalArchiveOptions { Directory = root }, TimeProvider.System, NullLogger.Instance);

        public override ITickSource Source => _source;

        public override string Exchange => "binance-futures";

        public override string DataType => "trades";

        public override string[] Symbols => ["BTCUSDT", "ETHUSDT"];

        public override ChunkKey Available => Key(Apr4.AddDays(1));

        public override ChunkKey Unpublished => Key(Apr4.AddDays(-30));

        public override ChunkKey WrongFile => Key(Apr4.AddDays(2));

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private ChunkKey Key(DateTime day) => new(_source.Id, Exchange, DataType, "BTCUSDT", day, TimeSpan.FromDays(1));
    }
}
