using System.CommandLine;
using System.Globalization;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache plan</c>: what a query would read and what it would fetch, without a request.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var command = CliOptions.Command("plan", "Show the chunks a query reads and which of them would be fetched (no request is made).", CliOptions.Query);
        command.SetAction(result => Cli.Run(() =>
        {
            using var client = ClientFactory.Create(result);
            var plan = client.Plan(CliOptions.Queries(result));
            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(new { chunks = plan.Chunks.Count, to_fetch = plan.ToFetch, cached = plan.Cached, estimated_l2_bytes = plan.EstimatedBytesToFetch, to_fetch_without_estimate = plan.ToFetchWithoutEstimate, plan = plan.Chunks });
            }
            else
            {
                Output.Table(["source", "exchange", "data type", "symbol", "period", "from", "est. L2 bytes"], plan.Chunks.Select(c => new[] { c.Source, c.Exchange, c.DataType, c.Symbol, Period(c.StartUtc, c.EndUtc), c.State switch { ChunkState.InMemory => "memory", ChunkState.OnDisk => "disk", _ => "fetch" }, c.EstimatedBytes?.ToString("N0", CultureInfo.InvariantCulture) ?? "-" }));
                Output.Line(string.Create(CultureInfo.InvariantCulture, $"plan: chunks={plan.Chunks.Count} cached={plan.Cached} to_fetch={plan.ToFetch} estimated_l2_bytes={plan.EstimatedBytesToFetch} (the mean size of similar cached files; {plan.ToFetchWithoutEstimate} to fetch have none like them cached)"));
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    public static string Period(DateTime start, DateTime end) =>
        start.AddDays(1) == end ? start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
