using System.Globalization;

namespace TickCache.Tests;

/// <summary>The typed records of each view equal the CSV row they come from (real files of 2023-04-04).</summary>
public sealed class RecordTests
{
    private static readonly DateTime Day = new(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void EveryRowRecord_HasTimestampUtc_TheExchangeTimeToTheMicrosecond()
    {
        const long micros = 1_680_652_800_123_456; // 2023-04-05 00:00:00.123456 UTC
        var expected = new DateTime(2023, 4, 5, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560);

        Assert.Equal(expected, new Quote("x", "X", micros, 0, 1, 2, 1, 1).TimestampUtc);
        Assert.Equal(expected, new BookChange("x", "X", micros, 0, false, BookSide.Bid, 1, 1).TimestampUtc);
        Assert.Equal(expected, new DerivativeTicker("x", "X", micros, 0, 0, 0, 0, 0, 0, 0, 0).TimestampUtc);
        Assert.Equal(expected, new BookSnapshot("x", "X", micros, 0, [], []).TimestampUtc);
        Assert.Equal(expected, new Trade("e", "X", micros, 0, "1", TradeSide.Buy, 1, 1).TimestampUtc);
        Assert.Equal(DateTimeKind.Utc, new Quote("x", "X", micros, 0, 1, 2, 1, 1).TimestampUtc.Kind);
    }

    [Fact]
    public async Task Records_FirstAndLastRow_EqualTheCsv()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var quotes = await First("quotes");
        var quoteRows = Csv("quotes");
        Assert.Equal(new Quote("binance-futures", "BTCUSDT", L(quoteRows[0][2]), L(quoteRows[0][3]), D(quoteRows[0][4]), D(quoteRows[0][5]), D(quoteRows[0][6]), D(quoteRows[0][7])), quotes.AsQuotes()[0]);

        var changes = (await First("incremental_book_L2")).AsBookChanges();
        var l2 = Csv("incremental_book_L2");
        var last = l2.Count - 1;
        Assert.Equal(new BookChange("binance-futures", "BTCUSDT", L(l2[last][2]), L(l2[last][3]), l2[last][4] == "true", l2[last][5] == "bid" ? BookSide.Bid : BookSide.Ask, D(l2[last][6]), D(l2[last][7])), changes[changes.Batch.Count - 1]);

        var ticker = (await First("derivative_ticker")).AsDerivativeTickers()[0];
        var t = Csv("derivative_ticker")[0];
        Assert.Equal(new DerivativeTicker("binance-futures", "BTCUSDT", L(t[2]), L(t[3]), L(t[4]), D(t[5]), double.NaN, double.NaN, double.NaN, D(t[9]), D(t[10])), ticker);

        var snapshot = (await First("book_snapshot_5")).AsBookSnapshots()[0];
        var s = Csv("book_snapshot_5")[0];
        Assert.Equal(5, snapshot.Asks.Count);
        Assert.Equal(new BookLevel(D(s[4]), D(s[5])), snapshot.Asks[0]);
        Assert.Equal(new BookLevel(D(s[22]), D(s[23])), snapshot.Bids[4]);

        async Task<TickBatch> First(string dataType) =>
            (await Harness.ReadBatchesAsync(client, new TickQuery("binance-futures", dataType, "BTCUSDT", Day, Day.AddDays(1))))[0];
    }

    private static List<string[]> Csv(string dataType) =>
        TestData.ReadCsv(Path.Combine(TestData.Root, "v1", "binance-futures", dataType, "2023", "04", "04", "BTCUSDT.csv.gz"));

    private static long L(string cell) => long.Parse(cell, CultureInfo.InvariantCulture);

    private static double D(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
}
