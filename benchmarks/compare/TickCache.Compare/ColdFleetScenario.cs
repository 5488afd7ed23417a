using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using TickCache.Emulator;
using TickCache.Remote.S3;

namespace TickCache.Compare;

/// <summary>
/// <c>TickCache.Compare fleet-cold [--days 10] [--rows-per-day 200000] [--waves 3]</c>: four worker processes (own L1
/// and L2 each, overlapping ranges, fleet lease on, every other L3 setting at its default) against one emulator and an
/// S3 L3 on a Ceph RGW started moments before (<c>tests/fixtures/l3-servers.sh start</c>: the "just-started server" of
/// the issue), then further waves with fresh L1/L2 against the same, now warm, L3. Per wave: vendor requests for the
/// distinct chunks, L3 hits, lease waits, L3 errors and skips, wall time. GENERATED trades. Needs the fixture's servers
/// installed (<c>l3-servers.sh install</c>).
/// </summary>
internal static class ColdFleetScenario
{
    private static readonly (int First, int Count)[] Ranges = [(0, 7), (1, 7), (2, 7), (0, 10)];

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var days = L3Scenario.Option(args, "--days", 10);
        var rows = L3Scenario.Option(args, "--rows-per-day", 200_000);
        var waves = L3Scenario.Option(args, "--waves", 3);
        var firstCallMs = L3Scenario.Option(args, "--first-call-ms", -1); // -1: the default RemoteCacheOptions.FirstCallTimeout
        var work = Path.GetFullPath(Path.Combine("benchmarks", "compare", ".work", "fleet-cold"));
        var data = Path.Combine(work, FormattableString.Invariant($"data-{days}x{rows}"));
        if (!Directory.Exists(data))
        {
            TradeTape.Write(data, "BTCUSDT", Harness.FirstDay, days, rows);
        }

        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = data, Latency = TimeSpan.FromMilliseconds(50) });
        var servers = Path.Combine(work, "servers-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(servers);
        var started = Stopwatch.StartNew();
        await ScriptAsync("start", servers);
        var readyAfter = started.Elapsed;
        try
        {
            var env = (await File.ReadAllLinesAsync(Path.Combine(servers, "env")))
                .Select(l => l.Replace("export ", string.Empty, StringComparison.Ordinal).Split('=', 2))
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            var (url, access, secret) = (env["TICKCACHE_TEST_S3"], env["TICKCACHE_TEST_S3_ACCESS_KEY"], env["TICKCACHE_TEST_S3_SECRET_KEY"]);
            await CreateBucketAsync(url, access, secret);
            if (args.Contains("--probe"))
            {
                await ProbeAsync(url, access, secret, started);
                return;
            }

            var table = new StringBuilder();
            table.AppendLine(CultureInfo.InvariantCulture, $"Fleet on a just-started Ceph RGW (ready after {readyAfter.TotalSeconds:0.0} s; first wave started {started.Elapsed.TotalSeconds:0.0} s after the start), {Ranges.Length} workers, ranges {string.Join(" ", Ranges.Select(r => $"[{r.First},{r.First + r.Count})"))} of {days} days × {rows:N0} GENERATED trades, emulator latency 50 ms, {(firstCallMs < 0 ? "default L3 settings" : $"L3 settings at their defaults but FirstCallTimeout = {firstCallMs} ms")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
            table.AppendLine();
            table.AppendLine("| wave | vendor requests (distinct chunks) | L3 hits | lease waits | L3 errors / skipped | L3 writes | wall |");
            table.AppendLine("|---|---|---|---|---|---|---|");
            var prefix = $"fleet-cold-{Guid.NewGuid():N}/";
            for (var wave = 1; wave <= waves; wave++)
            {
                var before = emulator.DatasetRequests;
                var clock = Stopwatch.StartNew();
                var lines = await WaveAsync(emulator.BaseAddress, work, url, access, secret, prefix, firstCallMs);
                var totals = lines.Select(Parse).Aggregate(new long[6], (a, b) => [.. a.Zip(b, (x, y) => x + y)]);
                table.AppendLine(CultureInfo.InvariantCulture, $"| {wave} | {emulator.DatasetRequests - before} ({days}) | {totals[0]} | {totals[1]} | {totals[2]} / {totals[3]} | {totals[4]} | {clock.Elapsed.TotalSeconds:0.00} s |");
            }

            Console.WriteLine(table);
        }
        finally
        {
            await ScriptAsync("stop", servers);
        }
    }

    /// <summary>The worker: <c>fleet-cold-worker endpoint cache s3-url prefix first count go first-call-ms</c>, S3 keys in the environment.</summary>
    public static async Task<int> WorkerAsync(IReadOnlyList<string> args)
    {
        using var store = new S3RemoteStore(new S3RemoteStoreOptions
        {
            ServiceUrl = new Uri(args[2]),
            Bucket = "tickcache-fleet-cold",
            AccessKeyId = Environment.GetEnvironmentVariable("FLEET_S3_ACCESS_KEY"),
            SecretAccessKey = Environment.GetEnvironmentVariable("FLEET_S3_SECRET_KEY"),
            KeyPrefix = args[3],
        });
        var endpoint = new Uri(args[0]);
        var remote = new RemoteCacheOptions { Store = store, UseFleetLease = true };
        if (int.Parse(args[7], CultureInfo.InvariantCulture) is >= 0 and var firstCallMs)
        {
            remote.FirstCallTimeout = TimeSpan.FromMilliseconds(firstCallMs);
        }

        using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        await using var client = new TickCacheClient(
            new TickCacheOptions
            {
                CacheDirectory = args[1],
                DatasetsEndpoint = endpoint,
                MetadataEndpoint = endpoint,
                RemoteCache = remote,
            },
            logs);
        while (!File.Exists(args[6]))
        {
            await Task.Delay(5);
        }

        var first = Harness.FirstDay.AddDays(int.Parse(args[4], CultureInfo.InvariantCulture));
        var query = new TickQuery(TradeTape.Exchange, TardisDataTypes.Trades, "BTCUSDT", first, first.AddDays(int.Parse(args[5], CultureInfo.InvariantCulture)));
        await foreach (var batch in client.GetTradeBatchesAsync(query))
        {
            _ = batch.Count;
        }

        await client.FlushRemoteWritesAsync();
        var s = client.GetStatistics();
        Console.WriteLine(FormattableString.Invariant($"FLEET {s.RemoteHits} {s.LeaseWaits} {s.RemoteErrors} {s.RemoteSkipped} {s.RemoteWrites} {s.SourceFetches}"));
        return 0;
    }

    private static async Task<List<string>> WaveAsync(Uri endpoint, string work, string url, string access, string secret, string prefix, int firstCallMs)
    {
        var go = Path.Combine(work, "go-" + Guid.NewGuid().ToString("N"));
        var workers = Ranges.Select(r =>
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "fleet-cold-worker", endpoint.AbsoluteUri, Path.Combine(work, "cache-" + Guid.NewGuid().ToString("N")), url, prefix, $"{r.First}", $"{r.Count}", go, $"{firstCallMs}" })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["FLEET_S3_ACCESS_KEY"] = access;
            start.Environment["FLEET_S3_SECRET_KEY"] = secret;
            return Process.Start(start)!;
        }).ToList();
        var outputs = workers.Select(w => w.StandardOutput.ReadToEndAsync()).ToList();
        var errors = workers.Select(w => w.StandardError.ReadToEndAsync()).ToList();
        await File.WriteAllTextAsync(go, "go");
        await Task.WhenAll(workers.Select(w => w.WaitForExitAsync()));
        var lines = new List<string>();
        for (var i = 0; i < workers.Count; i++)
        {
            var text = await outputs[i];
            foreach (var warning in (await errors[i]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.Error.WriteLine($"  worker {i}: {warning}");
            }

            lines.Add(workers[i].ExitCode == 0 ? text.Split('\n').Single(l => l.StartsWith("FLEET ", StringComparison.Ordinal)) : throw new InvalidOperationException($"worker {i} exited {workers[i].ExitCode}: {text}"));
            workers[i].Dispose();
        }

        return lines;
    }

    /// <summary>Times single S3 calls, one after another, from the moment the bucket exists: where a just-started server is slow.</summary>
    private static async Task ProbeAsync(string url, string access, string secret, Stopwatch started)
    {
        using var store = new S3RemoteStore(new S3RemoteStoreOptions { ServiceUrl = new Uri(url), Bucket = "tickcache-fleet-cold", AccessKeyId = access, SecretAccessKey = secret, KeyPrefix = "probe/" });
        var body = new byte[64 << 10];
        async Task Time(string what, Func<Task> call)
        {
            var clock = Stopwatch.StartNew();
            await call();
            Console.WriteLine(FormattableString.Invariant($"t={started.Elapsed.TotalSeconds,6:0.00} s  {what,-28} {clock.Elapsed.TotalMilliseconds,8:0} ms"));
        }

        for (var i = 0; i < 4; i++)
        {
            await Time($"GET missing #{i}", async () => { await using var s = await store.OpenReadAsync($"missing-{i}", CancellationToken.None); });
            await Time($"PUT if absent 64 KiB #{i}", () => store.PutIfAbsentAsync($"object-{i}", body, CancellationToken.None));
            await Time($"GET 64 KiB #{i}", async () => { await using var s = await store.OpenReadAsync($"object-{i}", CancellationToken.None); await s!.CopyToAsync(Stream.Null); });
            await Time($"lease acquire #{i}", () => store.TryAcquireLeaseAsync($"lease-{i}", "probe", TimeSpan.FromSeconds(30), CancellationToken.None));
        }
    }

    private static long[] Parse(string line) => [.. line.Split(' ').Skip(1).Select(x => long.Parse(x, CultureInfo.InvariantCulture))];

    private static async Task CreateBucketAsync(string url, string access, string secret)
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(access, secret), new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1", RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED });
        await s3.PutBucketAsync("tickcache-fleet-cold");
    }

    private static async Task ScriptAsync(string command, string directory)
    {
        using var script = Process.Start(new ProcessStartInfo("bash", ["tests/fixtures/l3-servers.sh", command, directory]) { UseShellExecute = false })!;
        await script.WaitForExitAsync();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"l3-servers.sh {command} exited {script.ExitCode}: install the servers first (bash tests/fixtures/l3-servers.sh install).");
        }
    }
}
