using Microsoft.Extensions.Logging.Abstractions;
using TickCache.Emulator;
using TickCache.Planning;
using TickCache.Sources;
using TickCache.Sources.Tardis;
using TickCache.Telemetry;

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
        return new TardisWorld(emulator);
    }

    private sealed class TardisWorld : SourceWorld
    {
        private readonly TardisEmulator _emulator;
        private readonly HttpClient _http = new();
        private readonly TardisDatasetsSource _source;

        public TardisWorld(TardisEmulator emulator)
        {
            _emulator = emulator;
            _source = new TardisDatasetsSource(_http, emulator.BaseAddress, emulator.BaseAddress, Harness.ApiKey, TimeSpan.FromDays(1), validateWithMetadata: true, new CacheCounters(), TimeProvider.System, NullLogger.Instance);
        }

        public override ITickSource Source => _source;

        public override string Exchange => "binance-futures";

        public override string DataType => "trades";

        public override string[] Symbols => ["BTCUSDT", "ETHUSDT"];

        public override ChunkKey Available => Key(Apr4.AddDays(1));

        public override ChunkKey Unpublished => Key(Apr4.AddDays(-30));

        public override ChunkKey WrongFile => Key(Apr4.AddDays(2));

        public override async ValueTask DisposeAsync()
        {
            _source.Dispose();
            _http.Dispose();
            await _emulator.DisposeAsync();
        }

        private ChunkKey Key(DateTime day) => new(_source.Id, Exchange, DataType, "BTCUSDT", day, TimeSpan.FromDays(1));
    }
}
