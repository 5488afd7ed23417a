using System.Diagnostics;
using System.Globalization;
using System.Text;
using TickCache.Emulator;
using TickCache.Remote.Redis;

namespace TickCache.Compare;

/// <summary>
/// <c>TickCache.Compare l3 [--days N] [--rows-per-day N]</c>: per-day query times of one worker (fresh L1/L2 per
/// column) from a Redis L3, then from its own L2, then — with that Redis frozen by SIGSTOP (default L3 settings: 1 s
/// to first byte, breaker after 3 failures) — from the source with the frozen L3 configured, interleaved day by day with
/// a client that has no L3 (the baseline). Needs the fixture's servers: <c>bash tests/fixtures/l3-servers.sh start DIR
/// &amp;&amp; source DIR/env</c> (TICKCACHE_TEST_REDIS and _PID). GENERATED trades.
/// </summary>
internal static class L3Scenario
{
    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var days = Option(args, "--days", 6);
        var rows = Option(args, "--rows-per-day", 2_000_000);
        var redis = Environment.GetEnvironmentVariable("TICKCACHE_TEST_REDIS") ?? throw new ArgumentException("TICKCACHE_TEST_REDIS is not set: bash tests/fixtures/l3-servers.sh start DIR && source DIR/env");
        var pid = Environment.GetEnvironmentVariable("TICKCACHE_TEST_REDIS_PID") ?? throw new ArgumentException("TICKCACHE_TEST_REDIS_PID is not set (see above).");
        var work = Path.Combine("benchmarks", "compare", ".work", "l3");
        var data = Path.Combine(work, FormattableString.Invariant($"data-{days}x{rows}"));
        if (!Directory.Exists(data))
        {
            TradeTape.Write(data, "BTCUSDT", Harness.FirstDay, days, rows);
        }

        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = data, Latency = TimeSpan.FromMilliseconds(50) });
        using var store = new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = redis, KeyPrefix = $"compare-{Guid.NewGuid():N}:" });
        await TimeDaysAsync([Client(emulator, null, Fresh(work))], days); // warm-up (JIT, page cache), not reported
        var l3Cache = Fresh(work);
        await using (var filler = Client(emulator, new RemoteCacheOptions { Store = store }, Fresh(work)))
        {
            await ReadAsync(filler, 0, days);
            await filler.FlushRemoteWritesAsync();
        }

        var l3 = (await TimeDaysAsync([Client(emulator, new RemoteCacheOptions { Store = store }, l3Cache)], days))[0];
        var l2 = (await TimeDaysAsync([Client(emulator, new RemoteCacheOptions { Store = store }, l3Cache)], days))[0];

        // The source-only baseline runs interleaved with the frozen run, day by day (order alternating), so that drift
        // over the process's life (JIT tiers, GC budgets, pooled buffers) does not show up as added latency.
        Signal("STOP", pid);
        List<(TimeSpan Time, TickCacheStatistics Stats)> source, frozen;
        try
        {
            using var frozenStore = new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = redis });
            var both = await TimeDaysAsync([Client(emulator, null, Fresh(work)), Client(emulator, new RemoteCacheOptions { Store = frozenStore }, Fresh(work))], days);
            (source, frozen) = (both[0], both[1]);
        }
        finally
        {
            Signal("CONT", pid);
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"L3 per-day query times, {rows:N0} GENERATED trades/day, emulator latency 50 ms, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        table.AppendLine();
        table.AppendLine("| day | source only | L3 hit (Redis) → L2 + L1 | own L2 hit | L3 frozen (SIGSTOP) | added by the frozen L3 | L3 calls timed out / skipped (reads + write-backs) |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        for (var d = 0; d < days; d++)
        {
            var added = frozen[d].Time - source[d].Time;
            var before = d == 0 ? new TickCacheStatistics() : frozen[d - 1].Stats;
            var breaker = $"{frozen[d].Stats.RemoteErrors - before.RemoteErrors} / {frozen[d].Stats.RemoteSkipped - before.RemoteSkipped}";
            table.AppendLine(CultureInfo.InvariantCulture, $"| {d} | {Ms(source[d].Time)} | {Ms(l3[d].Time)} | {Ms(l2[d].Time)} | {Ms(frozen[d].Time)} | {Ms(added)} | {breaker} |");
        }

        var last = frozen[^1].Stats;
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"frozen run: remote_errors={last.RemoteErrors} remote_skipped={last.RemoteSkipped} breaker_openings={last.RemoteBreakerOpenings}; L3 run: remote_hits={l3[^1].Stats.RemoteHits}; L2 run: disk_hits={l2[^1].Stats.DiskHits}");
        Console.WriteLine(table);
    }

    /// <summary>
    /// One query per day with each of <paramref name="clients"/> (disposed at the end), interleaved day by day, the order
    /// of the clients reversed on odd days; per client, each day's time and the statistics after it.
    /// </summary>
    private static async Task<List<(TimeSpan Time, TickCacheStatistics Stats)>[]> TimeDaysAsync(TickCacheClient[] clients, int days)
    {
        var times = clients.Select(_ => new List<(TimeSpan Time, TickCacheStatistics Stats)>()).ToArray();
        try
        {
            for (var d = 0; d < days; d++)
            {
                var order = Enumerable.Range(0, clients.Length);
                foreach (var c in d % 2 == 0 ? order : order.Reverse())
                {
                    var clock = Stopwatch.StartNew();
                    await ReadAsync(clients[c], d, 1);
                    times[c].Add((clock.Elapsed, clients[c].GetStatistics()));
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        return times;
    }

    private static async Task ReadAsync(TickCacheClient client, int first, int count)
    {
        var query = new TickQuery(TradeTape.Exchange, TardisDataTypes.Trades, "BTCUSDT", Harness.FirstDay.AddDays(first), Harness.FirstDay.AddDays(first + count));
        await foreach (var batch in client.GetTradeBatchesAsync(query))
        {
            _ = batch.Count;
        }
    }

    private static TickCacheClient Client(TardisEmulator emulator, RemoteCacheOptions? remote, string cache) =>
        new(new TickCacheOptions { CacheDirectory = cache, DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress, RemoteCache = remote });

    private static string Fresh(string work) => Path.Combine(work, "cache-" + Guid.NewGuid().ToString("N"));

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

    /// <summary>The integer value after <paramref name="name"/> in the scenario arguments, or <paramref name="fallback"/>.</summary>
    internal static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }

    private static void Signal(string signal, string pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid])!;
        kill.WaitForExit();
    }
}
