using TickCache;

// Cache management from code: what a set of queries would fetch, a resumable prefetch with progress, what is cached,
// a verification pass and a purge. Tardis.dev by default (TARDIS_API_KEY), or pass the emulator's address.
var options = new TickCacheOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "tick-cache") };
if (args.Length > 0)
{
    options.DatasetsEndpoint = options.MetadataEndpoint = new Uri(args[0]);
}

using var client = new TickCacheClient(options);

var from = new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);
TickQuery[] queries =
[
    new("binance-futures", TardisDataTypes.Trades, ["BTCUSDT", "ETHUSDT"], from, from.AddDays(2)),
    new("binance-futures", TardisDataTypes.Quotes, "BTCUSDT", from, from.AddDays(2)),
];

var plan = client.Plan(queries); // no request
Console.WriteLine($"plan: {plan.ToFetch} of {plan.Chunks.Count} chunks to fetch, ~{plan.EstimatedBytesToFetch:N0} L2 bytes estimated");

var report = await client.PrefetchAsync(queries, new Progress<PrefetchReport>(r => Console.Error.WriteLine($"{r.Done}/{r.Planned} chunks, {r.Rows:N0} rows")));
Console.WriteLine($"prefetch: {report.Fetched} fetched, {report.FromCache} from cache, {report.Unavailable} not published");

foreach (var chunk in client.GetCachedChunks())
{
    Console.WriteLine($"{chunk.Exchange} {chunk.DataType} {chunk.Symbol} {chunk.StartUtc:yyyy-MM-dd}: {chunk.Bytes:N0} bytes");
}

var verify = await client.VerifyCacheAsync();
Console.WriteLine($"verify: {verify.Valid} of {verify.Checked} files valid");

var purge = client.PurgeCache(new CachePurgeFilter { DataType = TardisDataTypes.Quotes, OlderThan = TimeSpan.FromDays(30) });
Console.WriteLine($"purge: {purge.Files.Count} quotes files unused for 30 days deleted");
