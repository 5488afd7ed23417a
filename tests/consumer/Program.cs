using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using TickCache;

// A new application as a user writes it: the generic host, AddTickCache, the OpenTelemetry extension; one day of
// trades from the endpoint given (the emulator tool). usage: TickCache.Consumer <endpoint> <cache-dir>
var spans = new List<Activity>();
using var tracing = Sdk.CreateTracerProviderBuilder().AddTickCacheInstrumentation().AddInMemoryExporter(spans).Build();
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddTickCache(o =>
{
    o.DatasetsEndpoint = new Uri(args[0]);
    o.MetadataEndpoint = new Uri(args[0]);
    o.CacheDirectory = args[1];
});
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<TickCacheClient>();
var day = new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);
long rows = 0;
await foreach (var batch in client.GetTradeBatchesAsync(new TickQuery("binance-futures", TardisDataTypes.Trades, "BTCUSDT", day, day.AddDays(1))))
{
    rows += batch.Count;
}

await host.StopAsync();
tracing.ForceFlush();
// which TickCache.dll the host chose: the package's precompiled image for this runtime when it carries one
var assembly = Path.GetRelativePath(AppContext.BaseDirectory, typeof(TickCacheClient).Assembly.Location).Replace('\\', '/');
Console.WriteLine($"consumer: rows={rows} upstream_requests={client.GetStatistics().UpstreamRequests} spans={spans.Count} assembly={assembly}");
return rows > 0 && spans.Count > 0 ? 0 : 1;
