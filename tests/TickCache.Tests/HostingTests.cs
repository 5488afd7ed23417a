using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TickCache.Tests;

/// <summary>
/// <c>AddTickCache</c> in a real DI container against the emulator: the singleton client, options from code or from
/// configuration, validation on start with the client's own messages, the named HttpClient's handlers on every request,
/// and the OpenTelemetry extensions with the SDK's in-memory exporters.
/// </summary>
public sealed class HostingTests
{
    private static readonly TickQuery Day = new("binance-futures", TardisDataTypes.Trades, "BTCUSDT", new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 7, 19, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public async Task AddTickCache_FromCode_ResolvesOneClient_ThatReads_AndTheContainerDisposesIt()
    {
        await using var harness = await Harness.StartAsync();
        var services = new ServiceCollection().AddTickCache(o => Configure(o, harness));
        TickCacheClient client;
        await using (var provider = services.BuildServiceProvider())
        {
            client = provider.GetRequiredService<TickCacheClient>();
            Assert.Same(client, provider.GetRequiredService<TickCacheClient>());
            Assert.Equal(974, (await Harness.ReadAllAsync(client, Day)).Count);
        }

        Assert.Throws<ObjectDisposedException>(() => client.GetBatchesAsync(Day));
    }

    [Fact]
    public async Task AddTickCache_FromConfiguration_BindsTheSection()
    {
        var cache = TestData.TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TickCache:CacheDirectory"] = cache,
            ["TickCache:RequestsPerSecond"] = "3.5",
            ["TickCache:AttemptTimeout"] = "00:00:42",
            ["TickCache:BinancePublicData:Endpoint"] = "http://127.0.0.1:9",
            ["TickCache:BinancePublicData:UseMonthlyFiles"] = "false",
        }).Build();
        await using var provider = new ServiceCollection().AddTickCache(configuration.GetSection("TickCache")).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<TickCacheOptions>>().Value;

        Assert.Equal((cache, 3.5, TimeSpan.FromSeconds(42)), (options.CacheDirectory, options.RequestsPerSecond, options.AttemptTimeout));
        Assert.Equal((new Uri("http://127.0.0.1:9"), false), (options.BinancePublicData.Endpoint, options.BinancePublicData.UseMonthlyFiles));
        Assert.NotNull(provider.GetRequiredService<TickCacheClient>());
    }

    [Fact]
    public async Task Metrics_GoToTheContainersMeterFactory_ScopedToIt()
    {
        await using var harness = await Harness.StartAsync();
        await using var provider = new ServiceCollection().AddMetrics().AddTickCache(o => Configure(o, harness)).BuildServiceProvider();
        var factory = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var lookups = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(factory, TickCacheTelemetry.MeterName, TickCacheTelemetry.Lookups);
        var client = provider.GetRequiredService<TickCacheClient>();

        await Harness.ReadAllAsync(client, Day);

        // Only this container's client reports to this factory's meter: exactly its lookups, none of parallel tests.
        var stats = client.GetStatistics();
        Assert.Equal(stats.MemoryHits + stats.MemoryMisses + stats.DiskHits + stats.DiskMisses + stats.RemoteHits + stats.RemoteMisses + stats.SourceFetches, lookups.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task KeyedClients_TwoConfigurationsSideBySide()
    {
        await using var harness = await Harness.StartAsync();
        var (research, production) = (TestData.TempDirectory(), TestData.TempDirectory());
        var services = new ServiceCollection()
            .AddKeyedTickCache("research", o => { Configure(o, harness); o.CacheDirectory = research; })
            .AddKeyedTickCache("production", o => { Configure(o, harness); o.CacheDirectory = production; o.MemoryBudgetBytes = 0; });
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var a = provider.GetRequiredKeyedService<TickCacheClient>("research");
        var b = provider.GetRequiredKeyedService<TickCacheClient>("production");
        await Harness.ReadAllAsync(a, Day);
        await Harness.ReadAllAsync(b, Day);

        Assert.NotSame(a, b);
        Assert.Single(Directory.GetFiles(research, "*.parquet", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(production, "*.parquet", SearchOption.AllDirectories));
        Assert.Equal(2, harness.Emulator.DatasetRequests);
    }

    [Fact]
    public async Task KeyedClient_WithInvalidOptions_FailsOnStart()
    {
        await using var provider = new ServiceCollection().AddKeyedTickCache("bad", o => o.PrefetchChunks = 0).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("PrefetchChunks", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidOptions_FailOnStart_WithTheClientsOwnMessage()
    {
        await using var provider = new ServiceCollection().AddTickCache(o => o.MaxConcurrentRequests = 0).BuildServiceProvider();

        var onStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var onResolve = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TickCacheClient>());

        Assert.Contains("MaxConcurrentRequests", onStart.Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 256", onResolve.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedHttpClient_HandlersTheApplicationAdds_SeeEveryRequest()
    {
        await using var harness = await Harness.StartAsync();
        var counting = new CountingHandler();
        var services = new ServiceCollection().AddTickCache(o => Configure(o, harness));
        services.AddHttpClient(TickCacheServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => counting);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<TickCacheClient>();

        await Harness.ReadAllAsync(client, Day);

        Assert.Equal(client.GetStatistics().UpstreamRequests, counting.Requests);
        Assert.True(counting.Requests >= 1);
    }

    [Fact]
    public async Task OpenTelemetry_Extensions_ExportTheQuerysSpansAndTheLookupMetric()
    {
        await using var harness = await Harness.StartAsync();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var root = new ActivitySource("TickCache.Tests.Hosting");
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(root.Name).AddTickCacheInstrumentation().AddInMemoryExporter(spans).Build();
        using var metering = Sdk.CreateMeterProviderBuilder().AddTickCacheInstrumentation().AddInMemoryExporter(metrics).Build();
        await using var provider = new ServiceCollection().AddTickCache(o => Configure(o, harness)).BuildServiceProvider();
        var client = provider.GetRequiredService<TickCacheClient>();

        ActivityTraceId trace;
        using (var test = root.StartActivity("test")!)
        {
            trace = test.TraceId;
            await Harness.ReadAllAsync(client, Day);
        }

        tracing!.ForceFlush();
        metering!.ForceFlush();
        var ours = spans.Where(s => s.TraceId == trace).Select(s => s.DisplayName).ToList();
        Assert.Equal(1, ours.Count(n => n == TickCacheTelemetry.QuerySpan));
        Assert.Equal(1, ours.Count(n => n == TickCacheTelemetry.ChunkSpan));
        Assert.Equal(1, ours.Count(n => n == TickCacheTelemetry.FetchSpan));
        Assert.Contains(metrics, m => m.Name == TickCacheTelemetry.Lookups);
        Assert.All(spans.Where(s => s.TraceId == trace && s.Source.Name == TickCacheTelemetry.ActivitySourceName), s => Assert.Equal(TickSources.TardisDatasets, s.GetTagItem(TickCacheTelemetry.SourceTag)));

        // Everything a source does carries its id (the exporter sees every client's points: each one must carry it).
        string[] sourced = [TickCacheTelemetry.FetchRequests, TickCacheTelemetry.FetchBytes, TickCacheTelemetry.FetchDuration, TickCacheTelemetry.RateLimitWait, TickCacheTelemetry.FetchActive];
        var points = metrics.Where(m => sourced.Contains(m.Name)).SelectMany(m => Points(m).Select(tags => (m.Name, Tags: tags))).ToList();
        points.AddRange(metrics.Where(m => m.Name == TickCacheTelemetry.Lookups).SelectMany(m => Points(m).Where(t => Equals(t.GetValueOrDefault(TickCacheTelemetry.TierTag), "source")).Select(tags => (m.Name, Tags: tags))));
        Assert.Equal(sourced.Append(TickCacheTelemetry.Lookups).Order(), points.Select(p => p.Name).Distinct().Order());
        Assert.All(points, p => Assert.True(p.Tags.ContainsKey(TickCacheTelemetry.SourceTag), $"{p.Name} without {TickCacheTelemetry.SourceTag}"));
        Assert.Contains(points, p => p.Name == TickCacheTelemetry.FetchRequests && Equals(p.Tags[TickCacheTelemetry.SourceTag], TickSources.TardisDatasets));
    }

    private static IEnumerable<Dictionary<string, object?>> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            yield return tags;
        }
    }

    private static void Configure(TickCacheOptions options, Harness harness)
    {
        options.CacheDirectory = harness.CacheDirectory;
        options.DatasetsEndpoint = harness.Emulator.BaseAddress;
        options.MetadataEndpoint = harness.Emulator.BaseAddress;
        options.ApiKey = Harness.ApiKey;
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
