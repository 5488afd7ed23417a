using CsCheck;

namespace TickCache.Tests.Boundaries;

/// <summary>
/// Property: over the real bundled data (filed by local_timestamp, the Tardis rule), for random a &lt; b &lt; c at second
/// resolution — anywhere in the days, snapped onto or a few seconds around UTC midnights where rows straddle days,
/// spanning zero to several days, one or two symbols — the query [a, c) returns exactly the brute-force filter of all
/// served rows, in order, and [a, b) followed by [b, c) returns the same rows: no row lost, none repeated.
/// </summary>
public sealed class RangeSemanticsPropertyTests
{
    private static readonly DateTime Jul18 = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dataset[] Datasets =
    [
        new("binance-futures", "trades", ["BTCUSDT", "ETHUSDT"], Jul18, 2),
        new("binance-futures", "trades", ["ETHUSDT"], new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc), 2),
        new("binance-futures", "quotes", ["BTCUSDT"], Jul18, 2),
        new("binance-futures", "incremental_book_L2", ["BTCUSDT"], Jul18, 2),
        new("binance", "trades", ["NEXOUSDT"], new DateTime(2024, 7, 23, 0, 0, 0, DateTimeKind.Utc), 3),
        new("binance", "trades", ["BTCUSDT"], new DateTime(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc), 2),
    ];

    [Fact]
    public async Task AdjacentRandomRanges_PartitionTheServedRows_AndEqualTheBruteForceFilter()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var reference = Datasets.Select(d => ServedRows.Load(d.Exchange, d.DataType, d.Symbols)).ToArray();
        var checkedRows = 0L;

        var cases = Gen.Int[0, Datasets.Length - 1].SelectMany(d => Gen.Select(Instant(Datasets[d]), Instant(Datasets[d]), Instant(Datasets[d]), (x, y, z) => (d, x, y, z)));
        await cases.SampleAsync(
            async c =>
            {
                var sorted = new[] { c.x, c.y, c.z }.Order().ToArray();
                var (a, b, e) = (sorted[0], sorted[1], sorted[2]);
                if (a == b || b == e)
                {
                    return; // a query needs from < to
                }

                var dataset = Datasets[c.d];
                var whole = ServedRows.Signatures(await Harness.ReadBatchesAsync(client, dataset.Query(a, e)));
                var left = ServedRows.Signatures(await Harness.ReadBatchesAsync(client, dataset.Query(a, b)));
                var right = ServedRows.Signatures(await Harness.ReadBatchesAsync(client, dataset.Query(b, e)));

                var expected = reference[c.d].Select(a, e);
                Assert.Equal(expected, whole);
                Assert.Equal(whole, [.. left, .. right]);
                Interlocked.Add(ref checkedRows, expected.Count);
            },
            iter: 60,
            threads: 1);

        Assert.True(checkedRows > 10_000, $"{checkedRows} rows checked: the ranges must hit data");
        Assert.Equal(0, client.GetStatistics().UnavailableChunks);
    }

    /// <summary>Seconds inside the dataset's days: uniform, exactly a midnight, or within ±3 s of one.</summary>
    private static Gen<DateTime> Instant(Dataset dataset)
    {
        var seconds = dataset.Days * 86_400;
        var uniform = Gen.Int[0, seconds];
        var midnight = Gen.Int[0, dataset.Days].Select(d => d * 86_400);
        var nearMidnight = Gen.Select(Gen.Int[0, dataset.Days], Gen.Int[-3, 3], (d, s) => Math.Clamp((d * 86_400) + s, 0, seconds));
        return Gen.OneOf(uniform, midnight, nearMidnight).Select(s => dataset.First.AddSeconds(s));
    }

    private sealed record Dataset(string Exchange, string DataType, string[] Symbols, DateTime First, int Days)
    {
        public TickQuery Query(DateTime from, DateTime to) => new(Exchange, DataType, Symbols, from, to);
    }
}
