using System.Globalization;
using TickCache.Planning;

namespace TickCache.Tests.Boundaries;

/// <summary>
/// The cases of the day-boundary report as named regressions, on the real bundled data filed by local_timestamp (the
/// Tardis rule): rows whose exchange time and arrival fall on different UTC days, in both directions; a start-of-day
/// L2 snapshot that arrived before midnight; a wrong-day file; a grouped options file whose first row straddles the
/// first available day.
/// </summary>
public sealed class DayBoundaryTests
{
    private static readonly DateTime Apr4 = new(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Jul18 = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Aug8 = new(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TradeArrivingAfterMidnight_IsReturnedByTheNextDayOnly()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var day1 = await Harness.ReadAllAsync(client, Harness.Day("binance", "BTCUSDT", 2023, 4, 4));
        var day2 = await Harness.ReadAllAsync(client, Harness.Day("binance", "BTCUSDT", 2023, 4, 5));
        var both = await Harness.ReadAllAsync(client, Harness.Day("binance", "BTCUSDT", 2023, 4, 4, days: 2));

        Assert.Empty(day1);
        var straddler = day2[0];
        Assert.True(straddler.TimestampUtc < Apr4.AddDays(1), "exchange time on 2023-04-04");
        Assert.True(straddler.LocalTimestamp >= UnixMicros.From(Apr4.AddDays(1)), "arrival on 2023-04-05");
        Assert.Equal(day2, both);
    }

    [Fact]
    public async Task TradesArrivingBeforeMidnight_AreReturnedByTheEarlierDayOnly()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var midnight = UnixMicros.From(Aug8.AddDays(1));

        var day1 = await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "ETHUSDT", 2024, 8, 8));
        var day2 = await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "ETHUSDT", 2024, 8, 9));
        var around = await Harness.ReadAllAsync(client, new TickQuery("binance-futures", "trades", "ETHUSDT", Aug8.AddDays(1).AddSeconds(-2), Aug8.AddDays(1).AddSeconds(2)));

        Assert.Equal(25, day1.Count(t => t.Timestamp >= midnight));
        Assert.All(day1, t => Assert.True(t.LocalTimestamp < midnight));
        Assert.Empty(day2);
        Assert.Equal(14_076, day1.Count);
        Assert.Equal(day1.Where(t => t.LocalTimestamp >= midnight - 2_000_000), around);
        Assert.Equal(25, around.Count(t => t.Timestamp >= midnight));
    }

    [Fact]
    public async Task StartOfDaySnapshot_ArrivedBeforeMidnight_IsReturnedWholeAndOnce()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var nextDay = UnixMicros.From(Jul18.AddDays(1));

        var day1 = await BookAsync(client, Jul18, Jul18.AddDays(1));
        var day2 = await BookAsync(client, Jul18.AddDays(1), Jul18.AddDays(2));
        var around = await BookAsync(client, Jul18.AddDays(1).AddSeconds(-2), Jul18.AddDays(1).AddMinutes(5));

        var block = day1.Where(c => c.IsSnapshot && c.Timestamp >= nextDay).ToList();
        Assert.Equal(4057, block.Count);
        Assert.Single(block.Select(c => c.LocalTimestamp).Distinct());
        Assert.DoesNotContain(day2, c => c.IsSnapshot);
        var first = around.FindIndex(c => c.IsSnapshot);
        Assert.Equal(block, around.Skip(first).Take(block.Count));
        var book = new OrderBook();
        foreach (var change in around.Skip(first))
        {
            book.Apply(change.Timestamp, change.LocalTimestamp, change.IsSnapshot, change.Side, change.Price, change.Amount);
        }

        Assert.True(book.IsInitialized);
        Assert.True(book.BestBid!.Value.Price < book.BestAsk!.Value.Price);
        Assert.Equal(day1.Count + day2.Count, (await BookAsync(client, Jul18, Jul18.AddDays(2))).Count);
    }

    [Fact]
    public async Task WrongDayFile_IsRejectedNamingFileLineAndValue_NotRetried_NotCached()
    {
        var root = TestData.TempDirectory();
        var source = Path.Combine(TestData.Root, "v1", "binance-futures", "trades", "2023", "04", "04", "BTCUSDT.csv.gz");
        foreach (var day in new[] { "04", "05" })
        {
            var target = Path.Combine(root, "v1", "binance-futures", "trades", "2023", "04", day, "BTCUSDT.csv.gz");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        await using var harness = await Harness.StartAsync(o => o.DataDirectory = root);
        using var client = harness.Client(o => o.MaxRetries = 3);
        var firstLocal = TestData.ReadCsv(source)[0][3];

        var e = await Assert.ThrowsAsync<InvalidChunkDataException>(() => Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2023, 4, 5)));

        Assert.Equal(2, e.Line);
        Assert.Equal("local_timestamp", e.Column);
        Assert.Contains("/binance-futures/trades/2023/04/05/BTCUSDT.csv.gz", e.Message, StringComparison.Ordinal);
        Assert.Contains(firstLocal, e.Message, StringComparison.Ordinal);
        Assert.Contains("2023-04-04T23:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Harness.ApiKey, e.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Emulator.DatasetRequests);
        Assert.Empty(harness.CachedFiles());
        Assert.Equal(2197, (await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2023, 4, 4))).Count);
    }

    [Fact]
    public async Task GroupedOptionsFile_FirstRowStraddlingItsFirstDay_EveryRowOnce()
    {
        // SYNTHETIC file, shaped on the real Deribit options_chain case (nautilus_trader test data): 7 rows of the grouped
        // OPTIONS file of 2020-06-08, the first with timestamp 2020-06-07 23:59:59.413 and local_timestamp 2020-06-08
        // 00:00:00.196. 2020-06-08 is the first day the emulator publishes (its availableSince).
        var root = TestData.TempDirectory();
        var jun8 = new DateTime(2020, 6, 8, 0, 0, 0, DateTimeKind.Utc);
        var first = UnixMicros.From(jun8);
        var csv = new System.Text.StringBuilder("exchange,symbol,timestamp,local_timestamp,type,strike_price,expiration,open_interest,last_price,bid_price,bid_amount,bid_iv,ask_price,ask_amount,ask_iv,mark_price,mark_iv,underlying_index,underlying_price,delta,gamma,vega,theta,rho\n");
        for (var i = 0; i < 7; i++)
        {
            var (ts, local) = i == 0 ? (first - 587_000, first + 196_000) : (first + (i * 1_000_000), first + (i * 1_000_000) + 150_000);
            csv.Append(CultureInfo.InvariantCulture, $"deribit,BTC-26JUN20-{9000 + (i * 250)}-{(i % 2 == 0 ? 'C' : 'P')},{ts},{local},{(i % 2 == 0 ? "call" : "put")},{9000 + (i * 250)},1593158400000000,{10 + i},0.05,0.049,1,60.5,0.051,2,61.5,0.05,61,BTC-26JUN20,9500.5,0.5,0.0002,12.1,-30.2,1.1\n");
        }

        await TestData.WriteCsvGzipAsync(root, "deribit", "options_chain", jun8, "OPTIONS", csv.ToString());
        await using var harness = await Harness.StartAsync(o => o.DataDirectory = root);
        using var client = harness.Client();

        var twoDays = await Harness.ReadBatchesAsync(client, new TickQuery("deribit", "options_chain", "OPTIONS", jun8.AddDays(-1), jun8.AddDays(1)));
        var oneDay = await Harness.ReadBatchesAsync(client, new TickQuery("deribit", "options_chain", "OPTIONS", jun8, jun8.AddDays(1)));

        Assert.Equal(7, twoDays.Sum(b => b.Count));
        Assert.Equal(first - 587_000, twoDays[0].Timestamps.Span[0]);
        Assert.Equal(ServedRows.Signatures(twoDays), ServedRows.Signatures(oneDay));
        Assert.Equal(1, client.GetStatistics().UnavailableChunks);
        var gap = Assert.Single(await client.GetKnownGapsAsync(new TickQuery("deribit", "options_chain", "OPTIONS", jun8.AddDays(-1), jun8.AddDays(1))));
        Assert.Equal((jun8.AddDays(-1), jun8, KnownGapKind.NotPublished), (gap.FromUtc, gap.ToUtc, gap.Kind));
        await Assert.ThrowsAsync<DataNotAvailableException>(() => Harness.ReadBatchesAsync(client, new TickQuery("deribit", "options_chain", "OPTIONS", jun8.AddDays(-1), jun8)));
        Assert.Equal(1, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task UnknownSource_ArgumentErrorAtTheCall_NamingWhatTheClientHas()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var query = new TickQuery("binance-futures", "trades", "BTCUSDT", Jul18, Jul18.AddDays(1)) { Source = "tardis-replay" };

        var e = Assert.Throws<ArgumentException>(() => client.GetBatchesAsync(query));

        Assert.Contains("'tardis-replay'", e.Message, StringComparison.Ordinal);
        Assert.Contains(TickSources.TardisDatasets, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TickQuery("binance-futures", "trades", "BTCUSDT", Jul18, Jul18.AddDays(1)) { Source = "../x" });
        Assert.Equal(0, harness.Emulator.DatasetRequests + harness.Emulator.MetadataRequests);
    }

    private static async Task<List<BookChange>> BookAsync(TickCacheClient client, DateTime from, DateTime to)
    {
        var changes = new List<BookChange>();
        foreach (var batch in await Harness.ReadBatchesAsync(client, new TickQuery("binance-futures", "incremental_book_L2", "BTCUSDT", from, to)))
        {
            var view = batch.AsBookChanges();
            for (var i = 0; i < batch.Count; i++)
            {
                changes.Add(view[i]);
            }
        }

        return changes;
    }
}
