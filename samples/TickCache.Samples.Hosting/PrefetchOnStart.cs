using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TickCache.Samples.Hosting;

/// <summary>Reads the configured trades once through the cache (filling L1/L2), logs what it took, and stops the host.</summary>
internal sealed partial class PrefetchOnStart(TickCacheClient client, IOptions<PrefetchSettings> settings, IHostApplicationLifetime lifetime, ILogger<PrefetchOnStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var prefetch = settings.Value;
        var from = DateTime.SpecifyKind(prefetch.From, DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(prefetch.To, DateTimeKind.Utc);
        long rows = 0;
        await foreach (var batch in client.GetBatchesAsync(new TickQuery(prefetch.Exchange, TardisDataTypes.Trades, prefetch.Symbols, from, to), stoppingToken))
        {
            rows += batch.Count;
        }

        var stats = client.GetStatistics();
        Prefetched(logger, rows, prefetch.Exchange, prefetch.Symbols, from, to, stats.DiskHits, stats.UpstreamRequests);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "prefetched {Rows} trades of {Exchange} {Symbols} [{From:yyyy-MM-dd}, {To:yyyy-MM-dd}): l2_hits={DiskHits} upstream_requests={Requests}")]
    private static partial void Prefetched(ILogger logger, long rows, string exchange, List<string> symbols, DateTime from, DateTime to, long diskHits, long requests);
}
