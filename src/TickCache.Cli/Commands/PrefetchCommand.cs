using System.CommandLine;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache prefetch</c>: load a query into the cache with live progress; resumable.</summary>
internal static class PrefetchCommand
{
    public static Command Create()
    {
        var command = CliOptions.Command("prefetch", "Load the chunks of a query into the cache (progress on stderr); a second run fetches only what is missing.", CliOptions.Query);
        command.SetAction((result, cancellationToken) => Cli.Run(async () =>
        {
            var queries = CliOptions.Queries(result);
            await using var client = ClientFactory.Create(result);
            var report = await ProgressView.RunAsync(progress => client.PrefetchAsync(queries, progress, cancellationToken)).ConfigureAwait(false);
            var stats = client.GetStatistics();
            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(new { report.Planned, report.Done, report.FromCache, report.Fetched, report.Unavailable, report.Rows, report.UpstreamBytes, report.Retries, report.RateLimited, upstream_requests = stats.UpstreamRequests, seconds = report.Elapsed.TotalSeconds });
            }
            else
            {
                Output.Line($"prefetch: {ProgressView.Describe(report)}; upstream_requests={stats.UpstreamRequests}");
            }

            return 0;
        }));
        return command;
    }
}
