using System.Diagnostics;

namespace TickCache.Compare;

/// <summary>
/// TickCache as a backtest would use it: one client, the queries at once, every trade batch read as columns
/// (prices, amounts) and checksummed. Cold or warm is decided by the cache folder the harness passes. With
/// <c>floor=1</c>, the <see cref="MemoryFloor"/> of the same bytes is measured after the read (not part of its time).
/// </summary>
internal static class TickCacheContender
{
    public static async Task<ContenderReport> RunAsync(ContenderArguments args)
    {
        var pinned = PinnedHttps.Create(args.CertificatePem); // harness plumbing (trusting the emulator's certificate): before the clock, as in every contender
        var clock = Stopwatch.StartNew();
        var options = new TickCacheOptions
        {
            CacheDirectory = args.Get("cache"),
            DatasetsEndpoint = args.Endpoint,
            MetadataEndpoint = args.Endpoint,
            HttpHandler = pinned,
            RequestsPerSecond = args.Int("rps", 30),
            RequestBurst = args.Int("burst", 30),
        };
        if (args.Int("prefetch", 0) is > 0 and var prefetch)
        {
            options.PrefetchChunks = prefetch;
        }

        if (args.Int("memory-mib", 0) is > 0 and var budget)
        {
            options.MemoryBudgetBytes = budget * (1L << 20);
        }

        using var client = new TickCacheClient(options, args.Int("log", 0) == 1 ? new TimelineLoggerFactory() : null);
        var floor = args.Int("floor", 0) == 1 ? new MemoryFloor() : null;
        var sums = await Task.WhenAll(args.Ranges().Select(range => ReadAsync(client, args.Symbol, range.From, range.To, floor)));
        var total = new TapeChecksum();
        foreach (var sum in sums)
        {
            total.Add(sum);
        }

        var work = clock.Elapsed;
        return total.ToReport(work) with { FloorMs = floor?.Measure().TotalMilliseconds ?? 0 };
    }

    private static async Task<TapeChecksum> ReadAsync(TickCacheClient client, string symbol, DateTime from, DateTime to, MemoryFloor? floor)
    {
        await Task.Yield();
        var sum = new TapeChecksum();
        await foreach (var batch in client.GetTradeBatchesAsync(new TickQuery(TradeTape.Exchange, TardisDataTypes.Trades, symbol, from, to)))
        {
            sum.Add(batch.Prices.Span, batch.Amounts.Span);
            floor?.Add(batch);
        }

        return sum;
    }
}
