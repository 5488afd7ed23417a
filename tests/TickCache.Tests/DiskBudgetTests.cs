using System.Globalization;
using System.Text;

namespace TickCache.Tests;

/// <summary>
/// The L2 size budget, filled past it with real HTTP and real files: the least recently used chunk file (a read counts
/// as a use) is deleted first, never the one just written, and the folder ends within the budget. The days are
/// GENERATED (the same 500 trades shifted by a day each), so their files are the same size.
/// </summary>
public sealed class DiskBudgetTests
{
    private static readonly DateTime Day1 = new(2024, 3, 11, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task FilledPastTheBudget_EvictsTheLeastRecentlyUsed_NeverTheNewest()
    {
        var data = TestData.TempDirectory();
        for (var d = 0; d < 4; d++)
        {
            await TestData.WriteCsvGzipAsync(data, "binance-futures", "trades", Day1.AddDays(d), "BTCUSDT", Trades(Day1.AddDays(d)));
        }

        await using var harness = await Harness.StartAsync(o => o.DataDirectory = data);
        long size;
        using (var probe = harness.Client(o => o.CacheDirectory = TestData.TempDirectory()))
        {
            await Harness.ReadAllAsync(probe, Day(0));
            size = new FileInfo(Directory.GetFiles(Path.Combine(probe.GetCachedChunks()[0].Path, "..")).Single(f => f.EndsWith(".parquet", StringComparison.Ordinal))).Length;
        }

        using var client = harness.Client(o =>
        {
            o.DiskBudgetBytes = size * 7 / 2; // 3.5 files: the 4th goes past it, evicting one brings it to 3 ≤ 90 %
            o.MemoryBudgetBytes = 0; // every read is an L2 read, so reads count as uses
        });
        for (var d = 0; d < 3; d++)
        {
            await Harness.ReadAllAsync(client, Day(d));
        }

        await Harness.ReadAllAsync(client, Day(0)); // day 1 used again: day 2 is now the least recently used
        await Harness.ReadAllAsync(client, Day(3));

        var left = client.GetCachedChunks();
        Assert.Equal([Day1, Day1.AddDays(2), Day1.AddDays(3)], left.Select(c => c.StartUtc).Order());
        Assert.True(left.Sum(c => c.Bytes) <= size * 7 / 2, $"{left.Sum(c => c.Bytes)} bytes left, budget {size * 7 / 2}");
        Assert.Equal(1, client.GetStatistics().DiskEvictions);
        Assert.Equal(1, client.GetStatistics().DiskHits);
    }

    private static TickQuery Day(int offset) => new("binance-futures", "trades", "BTCUSDT", Day1.AddDays(offset), Day1.AddDays(offset + 1));

    private static string Trades(DateTime day)
    {
        var csv = new StringBuilder("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n");
        var start = (day - DateTime.UnixEpoch).Ticks / 10;
        for (var i = 0; i < 500; i++)
        {
            var t = start + (i * 60_000_000L);
            csv.Append(CultureInfo.InvariantCulture, $"binance-futures,BTCUSDT,{t},{t + 2000},{1000 + i},{(i % 3 == 0 ? "sell" : "buy")},{70000 + (i % 17) * 0.1:0.0},{0.001 * (1 + (i % 9)):0.000}\n");
        }

        return csv.ToString();
    }
}
