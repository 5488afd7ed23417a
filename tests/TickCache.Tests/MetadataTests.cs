using TickCache.Emulator;

namespace TickCache.Tests;

/// <summary>Exchange metadata from the emulator: validation before any download, and incidents as known gaps.</summary>
public sealed class MetadataTests
{
    public static TheoryData<string, string, string, int, int, int, string> Impossible() => new()
    {
        { "kraken", "trades", "XBTUSD", 2024, 8, 8, "lists no exchange 'kraken'" },
        { "binance-futures", "trades", "BTCUSDX", 2024, 8, 8, "lists no dataset symbol 'BTCUSDX'" },
        { "binance-delivery", "quotes", "BTCUSD_PERP", 2024, 8, 8, "has no 'quotes' dataset; it has: trades" },
        { "binance-futures", "trades", "BTCUSDT", 2023, 4, 1, "available from 2023-04-04" },
        { "binance-futures", "trades", "BTCUSDT", 2024, 8, 12, "last day is 2024-08-09" },
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public async Task ImpossibleChunk_ClearErrorBeforeAnyDownload(string exchange, string dataType, string symbol, int year, int month, int day, string says)
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var from = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);

        var e = await Assert.ThrowsAsync<DataNotAvailableException>(() => Harness.ReadBatchesAsync(client, new TickQuery(exchange, dataType, symbol, from, from.AddDays(1))));

        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Emulator.DatasetRequests);
        Assert.Equal(1, harness.Emulator.MetadataRequests);
        Assert.Empty(harness.CachedFiles());
    }

    [Fact]
    public async Task CachedChunks_NeedNoMetadataRequest()
    {
        await using var harness = await Harness.StartAsync();
        var query = Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18);
        using (var first = harness.Client())
        {
            await Harness.ReadAllAsync(first, query);
        }

        using var second = harness.Client();
        await Harness.ReadAllAsync(second, query);

        Assert.Equal(1, harness.Emulator.MetadataRequests);
        Assert.Equal(0, second.GetStatistics().UpstreamRequests);
    }

    [Fact]
    public async Task Incident_SurfacesAsKnownGap_DistinctFromEmptyDays()
    {
        var incident = new EmulatorIncident(new DateTime(2024, 7, 19, 0, 3, 0, DateTimeKind.Utc), new DateTime(2024, 7, 19, 5, 0, 0, DateTimeKind.Utc), "resolved", "Binance futures websocket outage");
        await using var harness = await Harness.StartAsync(o => o.Incidents.Add(incident));
        using var client = harness.Client();
        var query = Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 17, days: 3);

        var trades = await Harness.ReadAllAsync(client, query);
        var gaps = await client.GetKnownGapsAsync(query);

        var gap = Assert.Single(gaps);
        Assert.Equal("Binance futures websocket outage", gap.Details);
        Assert.Equal(incident.FromUtc, gap.FromUtc);
        var stats = client.GetStatistics();
        Assert.Equal(1, stats.KnownGapChunks);
        Assert.Equal(1, stats.EmptyChunks);
        Assert.Equal(974 + 9727, trades.Count);
        Assert.Empty(await client.GetKnownGapsAsync(Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 8)));
    }

    [Fact]
    public async Task RangeStartingBeforeAvailableSince_StreamsTheAvailableDays_ReportsTheRestAsGaps()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var query = Harness.Day("binance-futures", "BTCUSDT", 2023, 4, 2, days: 4);

        var trades = await Harness.ReadAllAsync(client, query);
        var gaps = await client.GetKnownGapsAsync(query);

        Assert.Equal(2197 + 10738, trades.Count);
        var stats = client.GetStatistics();
        Assert.Equal(2, stats.UnavailableChunks);
        Assert.Equal(2, stats.Chunks);
        Assert.Equal(2, harness.Emulator.DatasetRequests);
        var gap = Assert.Single(gaps);
        Assert.Equal(KnownGapKind.NotPublished, gap.Kind);
        Assert.Equal((query.FromUtc, new DateTime(2023, 4, 4, 0, 0, 0, DateTimeKind.Utc)), (gap.FromUtc, gap.ToUtc));
    }

    [Fact]
    public async Task RangeEntirelyBeforeAvailableSince_FailsBeforeTheFirstBatch_NothingDownloadedOrCached()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var batches = 0;

        var e = await Assert.ThrowsAsync<DataNotAvailableException>(async () =>
        {
            await foreach (var batch in client.GetBatchesAsync(Harness.Day("binance-futures", "BTCUSDT", 2023, 3, 1, days: 10)))
            {
                batches++;
            }
        });

        Assert.Equal(0, batches);
        Assert.Contains("none of its 10 chunk(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("available from 2023-04-04", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Emulator.DatasetRequests);
        Assert.Empty(harness.CachedFiles());
    }
}
