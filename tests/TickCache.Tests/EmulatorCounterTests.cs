using TickCache.Emulator;

namespace TickCache.Tests;

/// <summary>The counters the comparison harness reads from the emulator: served body bytes and the request window.</summary>
public sealed class EmulatorCounterTests
{
    [Fact]
    public async Task ServedBodyBytes_EqualTheFilesAndTheEmptyDayGzip_WindowSpansTheRequests()
    {
        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = TestData.Root });
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseAddress + "/") };
        Assert.Equal(TimeSpan.Zero, emulator.DatasetRequestWindow);

        var file = await http.GetByteArrayAsync(new Uri("binance-futures/trades/2024/07/18/BTCUSDT.csv.gz", UriKind.Relative));
        var emptyDay = await http.GetByteArrayAsync(new Uri("binance-futures/trades/2024/07/20/BTCUSDT.csv.gz", UriKind.Relative));

        Assert.Equal(new FileInfo(Path.Combine(TestData.Root, "v1", "binance-futures", "trades", "2024", "07", "18", "BTCUSDT.csv.gz")).Length, file.Length);
        Assert.Equal(20, emptyDay.Length);
        Assert.Equal(file.Length + emptyDay.Length, emulator.ResponseBodyBytes);
        Assert.Equal(2, emulator.DatasetRequests);
        Assert.True(emulator.DatasetRequestWindow > TimeSpan.Zero);
    }
}
