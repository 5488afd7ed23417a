using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TickCache.Emulator;
using TickCache.Samples.Hosting;

// A worker service: TickCache registered from configuration (appsettings.json, section "TickCache"), a hosted service
// that prefetches the configured symbols and days into the cache when the host starts, then stops the host.
// Offline: an in-process emulator serves the bundled real files; set TickCache:DatasetsEndpoint (and TARDIS_API_KEY)
// to use the real service instead.
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: false);
await using var emulator = builder.Configuration["TickCache:DatasetsEndpoint"] is null
    ? await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = Path.Combine(AppContext.BaseDirectory, "data") })
    : null;
builder.Services.AddTickCache(builder.Configuration.GetSection("TickCache"), options =>
{
    if (emulator is not null)
    {
        options.DatasetsEndpoint = emulator.BaseAddress;
        options.MetadataEndpoint = emulator.BaseAddress;
        options.CacheDirectory = builder.Configuration["cache-dir"] ?? Path.Combine(Path.GetTempPath(), "tickcache-hosting-sample");
    }
});
builder.Services.Configure<PrefetchSettings>(builder.Configuration.GetSection("Prefetch"));
builder.Services.AddHostedService<PrefetchOnStart>();
await builder.Build().RunAsync();
