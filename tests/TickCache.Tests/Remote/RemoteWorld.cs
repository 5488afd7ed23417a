using System.Globalization;
using System.Text;
using TickCache.Emulator;

namespace TickCache.Tests.Remote;

/// <summary>
/// An emulator over generated trade days of one symbol (deterministic rows), and clients with their own L2 folder and a
/// given L3 store: the "fleet" of a remote test.
/// </summary>
internal sealed class RemoteWorld : IAsyncDisposable
{
    public const string Exchange = "binance-futures";
    public const string Symbol = "L3TESTUSDT";
    public static readonly DateTime FirstDay = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private RemoteWorld(TardisEmulator emulator, string data)
    {
        Emulator = emulator;
        DataDirectory = data;
    }

    public TardisEmulator Emulator { get; }

    public string DataDirectory { get; }

    /// <summary>Starts an emulator over <paramref name="days"/> days of <paramref name="rowsPerDay"/> trades from <see cref="FirstDay"/>.</summary>
    public static async Task<RemoteWorld> StartAsync(int days, int rowsPerDay)
    {
        var data = TestData.TempDirectory();
        for (var d = 0; d < days; d++)
        {
            var day = FirstDay.AddDays(d);
            var start = (day - DateTime.UnixEpoch).Ticks / 10;
            var csv = new StringBuilder("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n");
            for (var i = 0; i < rowsPerDay; i++)
            {
                var t = start + ((long)i * 86_400_000_000L / rowsPerDay);
                csv.Append(CultureInfo.InvariantCulture, $"{Exchange},{Symbol},{t},{t + 1500},{(d * 10_000_000L) + i},{(i % 3 == 0 ? "sell" : "buy")},{60000 + (d * 10) + ((i % 997) * 0.1):0.0},{0.001 * ((i % 13) + 1):0.000}\n");
            }

            await TestData.WriteCsvGzipAsync(data, Exchange, TardisDataTypes.Trades, day, Symbol, csv.ToString());
        }

        return new RemoteWorld(await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = data }), data);
    }

    public static TickQuery Days(int first, int count) =>
        new(Exchange, TardisDataTypes.Trades, Symbol, FirstDay.AddDays(first), FirstDay.AddDays(first + count));

    /// <summary>
    /// L3 settings for tests whose subject is not the deadline: a time to first byte no loaded CI machine reaches (a cold
    /// process's first call includes JIT and the connect), so exact hit and request counts hold under load.
    /// </summary>
    public static RemoteCacheOptions Patient(IRemoteStore store) => new() { Store = store, TimeToFirstByte = TimeSpan.FromMinutes(1) };

    /// <summary>A client with a fresh L2 folder (unless given) and <paramref name="remote"/> as L3.</summary>
    public TickCacheClient Client(RemoteCacheOptions? remote, string? cacheDirectory = null, Action<TickCacheOptions>? configure = null)
    {
        var options = new TickCacheOptions
        {
            CacheDirectory = cacheDirectory ?? TestData.TempDirectory(),
            DatasetsEndpoint = Emulator.BaseAddress,
            MetadataEndpoint = Emulator.BaseAddress,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetries = 2,
            RemoteCache = remote,
        };
        configure?.Invoke(options);
        return new TickCacheClient(options);
    }

    /// <summary>Every trade of <paramref name="query"/> as (timestamp, price, amount) for comparisons.</summary>
    public static async Task<List<(long Timestamp, double Price, double Amount)>> ReadAsync(TickCacheClient client, TickQuery query)
    {
        var rows = new List<(long, double, double)>();
        await foreach (var trade in client.GetTradesAsync(query))
        {
            rows.Add((trade.Timestamp, trade.Price, trade.Amount));
        }

        return rows;
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
