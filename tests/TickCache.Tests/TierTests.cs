using Microsoft.Extensions.Time.Testing;
using TickCache.Planning;

namespace TickCache.Tests;

public sealed class TierTests
{
    private static readonly TickQuery Aug8 = Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 8);

    [Fact]
    public async Task SecondQuery_SameClient_ServedFromMemoryWithoutRequest()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var first = await Harness.ReadAllAsync(client, Aug8);
        var second = await Harness.ReadAllAsync(client, Aug8);

        Assert.Equal(first, second);
        var stats = client.GetStatistics();
        Assert.Equal(1, stats.MemoryHits);
        Assert.Equal(1, stats.SourceFetches);
        Assert.Equal(1, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task CorruptDiskFile_DetectedQuarantinedAndRefetched()
    {
        await using var harness = await Harness.StartAsync();
        List<Trade> original;
        using (var client = harness.Client())
        {
            original = await Harness.ReadAllAsync(client, Aug8);
        }

        var file = Assert.Single(harness.CachedFiles());
        var bytes = await File.ReadAllBytesAsync(file);
        for (var i = bytes.Length / 4; i < bytes.Length / 2; i++)
        {
            bytes[i] ^= 0x5A; // a damaged stretch of data pages (one flipped byte may land in unchecked page statistics)
        }

        await File.WriteAllBytesAsync(file, bytes);

        using var fresh = harness.Client();
        var again = await Harness.ReadAllAsync(fresh, Aug8);

        Assert.Equal(original, again);
        var stats = fresh.GetStatistics();
        Assert.Equal(1, stats.DiskCorrupt);
        Assert.Equal(0, stats.DiskHits);
        Assert.Equal(1, stats.SourceFetches);
        Assert.Equal(2, harness.Emulator.DatasetRequests);
        Assert.Contains(harness.CachedFiles(), f => f.Contains(".corrupt-", StringComparison.Ordinal));
        Assert.Contains(harness.CachedFiles(), f => f.EndsWith("08.parquet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParquetFileOfAnotherChunk_UnderTheKeysPath_IsRejected()
    {
        await using var harness = await Harness.StartAsync();
        using (var client = harness.Client())
        {
            await Harness.ReadAllAsync(client, Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18));
        }

        var foreign = Assert.Single(harness.CachedFiles());
        var target = foreign.Replace("2024/07/18", "2024/08/08", StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(foreign, target);

        using var fresh = harness.Client();
        var trades = await Harness.ReadAllAsync(fresh, Aug8);

        Assert.Equal(21313, trades.Count);
        Assert.Equal(1, fresh.GetStatistics().DiskCorrupt);
    }

    [Fact]
    public async Task OpenChunk_Today_ServedButNotPersisted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 8, 8, 18, 0, 0, TimeSpan.Zero));
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => o.TimeProvider = clock);

        var trades = await Harness.ReadAllAsync(client, Aug8);
        var again = await Harness.ReadAllAsync(client, Aug8);

        Assert.Equal(21313, trades.Count);
        Assert.Equal(trades, again);
        Assert.Empty(harness.CachedFiles());
        Assert.Equal(2, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task OpenChunk_AfterExportedUntil_NotPersisted_ThenPersistedOnceExported()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 8, 10, 3, 0, 0, TimeSpan.Zero));
        await using var harness = await Harness.StartAsync(o => o.ExportedUntil = new DateTime(2024, 8, 8, 12, 0, 0, DateTimeKind.Utc));
        using var client = harness.Client(o => o.TimeProvider = clock);

        await Harness.ReadAllAsync(client, Aug8);

        Assert.Empty(harness.CachedFiles());
        Assert.Equal(1, harness.Emulator.MetadataRequests);

        // A later reading of the metadata (after its TTL) says the day is exported: now it is persisted.
        await using var exported = await Harness.StartAsync(o => o.ExportedUntil = new DateTime(2024, 8, 9, 6, 0, 0, DateTimeKind.Utc));
        using var later = new TickCacheClient(new TickCacheOptions
        {
            CacheDirectory = harness.CacheDirectory,
            DatasetsEndpoint = exported.Emulator.BaseAddress,
            MetadataEndpoint = exported.Emulator.BaseAddress,
            ApiKey = Harness.ApiKey,
            TimeProvider = clock,
        });
        await Harness.ReadAllAsync(later, Aug8);
        Assert.Single(harness.CachedFiles());
    }

    [Fact]
    public async Task KnownSymbolDayWithoutData_EmptyGzip_IsAValidEmptyChunk()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var query = Harness.Day("binance-futures", "BTCUSDT", 2024, 8, 9);

        var trades = await Harness.ReadAllAsync(client, query);

        Assert.Empty(trades);
        Assert.Single(harness.CachedFiles());
        using var fresh = harness.Client();
        Assert.Empty(await Harness.ReadAllAsync(fresh, query));
        Assert.Equal(1, fresh.GetStatistics().DiskHits);
        Assert.Equal(1, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task PartialRange_TrimmedByLocalTimestamp_HalfOpen()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var all = await Harness.ReadAllAsync(client, Aug8);
        var cut = all[all.Count / 2].LocalTimestamp;
        var to = all[^1].LocalTimestamp;

        var part = await Harness.ReadAllAsync(client, new TickQuery("binance-futures", "trades", "BTCUSDT", UnixMicros.ToDateTime(cut), UnixMicros.ToDateTime(to)));

        Assert.Equal(all.Where(t => t.LocalTimestamp >= cut && t.LocalTimestamp < to), part);
        Assert.DoesNotContain(part, t => t.LocalTimestamp == to);
        Assert.Contains(part, t => t.LocalTimestamp == cut);
    }
}
