using Microsoft.Extensions.Time.Testing;

namespace TickCache.Tests.Sources.Binance;

/// <summary>
/// The months + days grid, counted at the emulator (real HTTP): a closed month a query covers is one file (its zip and
/// its CHECKSUM: 2 requests instead of ~60), a partly covered month and the current month are days, a month with a
/// stored day is read as days (no stored day downloaded again), a stored month serves a query of some of its days.
/// </summary>
public sealed class BinanceGridTests
{
    private static readonly DateTime Jul1 = new(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Aug1 = new(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ClosedMonth_QueriedWhole_IsOneFile_TwoRequests()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory());

        var rows = await CountAsync(client, Trades(Jul1, Aug1));

        Assert.Equal(974 + 9727, rows);
        Assert.Equal(2, folder.Emulator.DatasetRequests);
        Assert.Equal(2, client.GetStatistics().UpstreamRequests);
        Assert.Equal(1, client.GetStatistics().SourceFetches);
    }

    [Fact]
    public async Task ClosedMonth_QueriedInPart_IsDays_AndEachMissingDayIsAGap()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory());

        var rows = await CountAsync(client, Trades(Jul1.AddDays(16), Jul1.AddDays(20)));

        Assert.Equal(974 + 9727, rows);
        Assert.Equal(0, folder.Emulator.RequestsFor(BinanceFolder.PathOf("futures/um", "monthly", "trades", "BTCUSDT", "2024-07")));
        Assert.Equal(2, client.GetStatistics().UnavailableChunks); // 07-17 and 07-20: their CHECKSUM is 404
        Assert.Equal(2 + (2 * 2), folder.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task Month_WithAStoredDay_IsReadAsDays_TheStoredDayIsNotDownloadedAgain()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        var cache = TestData.TempDirectory();
        await using (var first = folder.Client(cache))
        {
            Assert.Equal(974, await CountAsync(first, Trades(Jul1.AddDays(17), Jul1.AddDays(18))));
        }

        await using var client = folder.Client(cache);
        var rows = await CountAsync(client, Trades(Jul1, Aug1));

        Assert.Equal(974 + 9727, rows);
        Assert.Equal(0, folder.Emulator.RequestsFor(BinanceFolder.PathOf("futures/um", "monthly", "trades", "BTCUSDT", "2024-07")));
        Assert.Equal(1, folder.Emulator.RequestsFor(BinanceFolder.PathOf("futures/um", "daily", "trades", "BTCUSDT", "2024-07-18")));
        Assert.Equal(1, client.GetStatistics().DiskHits);
        Assert.Equal(30, client.GetStatistics().SourceFetches);
    }

    [Fact]
    public async Task StoredMonth_ServesAQueryOfSomeOfItsDays_WithoutARequest()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        var cache = TestData.TempDirectory();
        await using (var first = folder.Client(cache))
        {
            await CountAsync(first, Trades(Jul1, Aug1));
        }

        var before = folder.Emulator.DatasetRequests;
        await using var client = folder.Client(cache);
        var rows = await CountAsync(client, Trades(Jul1.AddDays(18), Jul1.AddDays(19)));

        Assert.Equal(9727, rows);
        Assert.Equal(before, folder.Emulator.DatasetRequests);
        Assert.Equal(1, client.GetStatistics().DiskHits);
    }

    [Fact]
    public async Task CurrentMonth_AndAMonthJustEnded_AreDays()
    {
        // 2024-08-03: July ended 2 days ago (within the 7-day monthly-file delay), August is running.
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 8, 3, 12, 0, 0, TimeSpan.Zero));
        // The fake clock stands still and the pacing runs on it: a burst that covers the 34 downloads (this test is
        // about which files are asked for, not their pace).
        await using var client = folder.Client(TestData.TempDirectory(), o =>
        {
            o.TimeProvider = clock;
            o.BinancePublicData.RequestsPerSecond = 100;
        });

        var rows = await CountAsync(client, Trades(Jul1, Aug1.AddDays(3)));

        Assert.Equal(974 + 9727, rows);
        Assert.Equal(0, folder.Emulator.RequestsFor(BinanceFolder.PathOf("futures/um", "monthly", "trades", "BTCUSDT", "2024-07")));
        Assert.Equal(31 + 3, client.GetStatistics().SourceFetches); // 31 July days + Aug 1 to 3 (Aug 3 is running: asked, not published)
        Assert.Equal(31 + 3 - 2, client.GetStatistics().UnavailableChunks);
    }

    [Fact]
    public async Task MonthlyFilesOff_ClosedMonthIsDays()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory(), o => o.BinancePublicData.UseMonthlyFiles = false);

        Assert.Equal(974 + 9727, await CountAsync(client, Trades(Jul1, Aug1)));
        Assert.Equal(31, client.GetStatistics().SourceFetches);
    }

    [Fact]
    public async Task FundingRate_IsMonthlyOnly_AndMapsOntoDerivativeTicker()
    {
        await using var folder = await BinanceFolder.StartAsync();
        folder.WriteCsv("futures/um", "monthly", "fundingRate", "BTCUSDT", "2024-07", "calc_time,funding_interval_hours,last_funding_rate\n1719792000000,8,0.00010000\n1719820800001,8,-0.00002754\n");
        await using var client = folder.Client(TestData.TempDirectory());
        var query = new TickQuery("binance-futures", TardisDataTypes.DerivativeTicker, "BTCUSDT", Jul1.AddDays(0.25), Jul1.AddDays(2)) { Source = TickSources.BinancePublicData };

        var rows = new List<DerivativeTicker>();
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            var view = batch.AsDerivativeTickers();
            rows.AddRange(Enumerable.Range(0, batch.Count).Select(i => view[i]));
        }

        var row = Assert.Single(rows); // the 00:00 row is before the range
        Assert.Equal((1719820800001000L, 1719820800001000L, 1719820800001000L, -0.00002754), (row.Timestamp, row.LocalTimestamp, row.FundingTimestamp, row.FundingRate));
        Assert.True(double.IsNaN(row.MarkPrice) && double.IsNaN(row.OpenInterest) && double.IsNaN(row.PredictedFundingRate));
        Assert.Equal(2, folder.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task BookTicker_IsDailyOnly_EvenForAWholeClosedMonth()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory());
        var query = new TickQuery("binance-futures", TardisDataTypes.Quotes, "BTCUSDT", Jul1, Aug1) { Source = TickSources.BinancePublicData };

        var rows = 0;
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            rows += batch.Count;
        }

        Assert.Equal(7110 + 45147, rows);
        Assert.Equal(31, client.GetStatistics().SourceFetches);
    }

    [Fact]
    public async Task TwoSymbols_OneMonthCell_MergedByLocalTimestamp()
    {
        // BTCUSDT: the real July monthly file (2024-07-18 23:57 to 07-19 00:05); ETHUSDT: three trades written inside that window.
        await using var folder = await BinanceFolder.StartAsync();
        folder.CopyBundled("futures/um", "monthly", "trades", "BTCUSDT", "2024-07", "2024-07");
        folder.WriteCsv("futures/um", "monthly", "trades", "ETHUSDT", "2024-07", "id,price,qty,quote_qty,time,is_buyer_maker\n1,3400.5,1.5,5100.75,1721347100000,true\n2,3400.6,0.1,340.06,1721347200000,false\n3,3400.7,2,6801.4,1721347300000,false\n");
        await using var client = folder.Client(TestData.TempDirectory());
        var query = new TickQuery("binance-futures", TardisDataTypes.Trades, ["BTCUSDT", "ETHUSDT"], Jul1, Aug1) { Source = TickSources.BinancePublicData };

        var trades = new List<Trade>();
        await foreach (var trade in client.GetTradesAsync(query))
        {
            trades.Add(trade);
        }

        Assert.Equal(974 + 9727 + 3, trades.Count);
        Assert.Equal(["1", "2", "3"], trades.Where(t => t.Symbol == "ETHUSDT").Select(t => t.Id));
        Assert.Equal(trades.Select(t => t.LocalTimestamp).Order(), trades.Select(t => t.LocalTimestamp));
        Assert.Equal(4, folder.Emulator.DatasetRequests);
    }

    private static TickQuery Trades(DateTime from, DateTime to) =>
        new("binance-futures", TardisDataTypes.Trades, "BTCUSDT", from, to) { Source = TickSources.BinancePublicData };

    private static async Task<long> CountAsync(TickCacheClient client, TickQuery query)
    {
        long rows = 0;
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            rows += batch.Count;
        }

        return rows;
    }
}
