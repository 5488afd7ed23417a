using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TickCache;
using TickCache.Remote.Redis;

// One backtest worker of the fleet test: its own L1 and L2, a shared emulator and a shared Redis L3 (or, with redis
// "none", no L3: the workers then share one L2 folder).
// usage: TickCache.FleetWorker <endpoint> <cache-dir> <redis|none> <key-prefix> <lease:true|false> <exchange> <symbol> <from> <to> <go-file> [lease-duration-ms]
if (args.Length is not (10 or 11))
{
    Console.Error.WriteLine("usage: TickCache.FleetWorker <endpoint> <cache-dir> <redis> <key-prefix> <lease> <exchange> <symbol> <from yyyy-MM-dd> <to yyyy-MM-dd> <go-file> [lease-duration-ms]");
    return 2;
}

var leaseDuration = args.Length == 11 ? TimeSpan.FromMilliseconds(int.Parse(args[10], CultureInfo.InvariantCulture)) : new RemoteCacheOptions().LeaseDuration;

var endpoint = new Uri(args[0]);
var from = DateTime.ParseExact(args[7], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
var to = DateTime.ParseExact(args[8], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
// Every fetch and every L3 event on stderr, time-stamped, so that a fleet count the test does not expect explains itself.
using var logs = LoggerFactory.Create(b => b
    .SetMinimumLevel(LogLevel.Debug)
    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss.ffffff ";
    }));
using var store = args[2] == "none" ? null : new RedisRemoteStore(new RedisRemoteStoreOptions { Configuration = args[2], KeyPrefix = args[3] });
var client = new TickCacheClient(new TickCacheOptions
{
    CacheDirectory = args[1],
    DatasetsEndpoint = endpoint,
    MetadataEndpoint = endpoint,
    RemoteCache = store is null ? null : new RemoteCacheOptions
    {
        Store = store,
        UseFleetLease = bool.Parse(args[4]),
        LeasePollInterval = TimeSpan.FromMilliseconds(50),
        LeaseDuration = leaseDuration,
        TimeToFirstByte = TimeSpan.FromMinutes(1), // the subject is the lease, not the deadline: exact counts even on a loaded machine
    },
}, logs);
await using (client)
{
    // Start together: every worker waits for the test's go file (and says so, for a test that must know it is up).
    Console.Error.WriteLine("ready: waiting for the go file");
    var waiting = Stopwatch.StartNew();
    while (!File.Exists(args[9]))
    {
        if (waiting.Elapsed > TimeSpan.FromMinutes(1))
        {
            Console.Error.WriteLine("no go file");
            return 3;
        }

        await Task.Delay(5);
    }

    long rows = 0;
    double amount = 0;
    await foreach (var batch in client.GetTradeBatchesAsync(new TickQuery(args[5], TardisDataTypes.Trades, args[6], DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(to, DateTimeKind.Utc))))
    {
        rows += batch.Count;
        foreach (var a in batch.Amounts.Span)
        {
            amount += a;
        }
    }

    await client.FlushRemoteWritesAsync();
    var s = client.GetStatistics();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fleet: rows={rows} amount={amount:R} source_fetches={s.SourceFetches} l3_hits={s.RemoteHits} lease_waits={s.LeaseWaits} upstream_requests={s.UpstreamRequests} l3_errors={s.RemoteErrors} l3_misses={s.RemoteMisses} l3_rejected={s.RemoteRejected} l3_skipped={s.RemoteSkipped} l3_writes={s.RemoteWrites}"));
}

return 0;
