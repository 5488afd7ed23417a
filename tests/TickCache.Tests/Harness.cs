using TickCache.Emulator;

namespace TickCache.Tests;

/// <summary>A real emulator over the bundled real files, a temp cache dir, and clients wired to both.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string ApiKey = "tk_secret_key_4f1e9a";

    private Harness(TardisEmulator emulator, string cacheDirectory)
    {
        Emulator = emulator;
        CacheDirectory = cacheDirectory;
    }

    public TardisEmulator Emulator { get; }

    public string CacheDirectory { get; }

    public static async Task<Harness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { DataDirectory = TestData.Root, ApiKey = ApiKey };
        configure?.Invoke(options);
        return new Harness(await TardisEmulator.StartAsync(options), TestData.TempDirectory());
    }

    public TickCacheClient Client(Action<TickCacheOptions>? configure = null)
    {
        var options = new TickCacheOptions
        {
            CacheDirectory = CacheDirectory,
            DatasetsEndpoint = Emulator.BaseAddress,
            MetadataEndpoint = Emulator.BaseAddress,
            ApiKey = ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetries = 2,
        };
        configure?.Invoke(options);
        return new TickCacheClient(options);
    }

    public IEnumerable<string> CachedFiles() =>
        Directory.Exists(CacheDirectory) ? Directory.EnumerateFiles(CacheDirectory, "*", SearchOption.AllDirectories) : [];

    public static TickQuery Day(string exchange, string symbol, int year, int month, int day, int days = 1)
    {
        var from = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        return new TickQuery(exchange, TardisDataTypes.Trades, symbol, from, from.AddDays(days));
    }

    public static async Task<List<Trade>> ReadAllAsync(TickCacheClient client, TickQuery query, CancellationToken cancellationToken = default)
    {
        var trades = new List<Trade>();
        await foreach (var trade in client.GetTradesAsync(query, cancellationToken))
        {
            trades.Add(trade);
        }

        return trades;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
