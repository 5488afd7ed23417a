using System.CommandLine;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache exchanges</c>: the exchanges a source lists, with their dates.</summary>
internal static class ExchangesCommand
{
    public static Command Create()
    {
        var command = CliOptions.Command("exchanges", "List the exchanges a source has, with the dates it has data for (sources with a listing only).");
        command.SetAction((result, cancellationToken) => Cli.Run(async () =>
        {
            using var client = ClientFactory.Create(result);
            var exchanges = await client.GetExchangesAsync(ClientFactory.SourceId(result), cancellationToken);
            return Output.Listing(
                exchanges,
                result.GetValue(CliOptions.Json),
                $"{ClientFactory.SourceId(result)} has no listing of exchanges (or it cannot be read now).",
                "exchanges",
                ["exchange", "name", "enabled", "since (UTC)", "to (UTC)"],
                e => [e.Id, e.Name, e.Enabled ? "yes" : "no", Output.Day(e.AvailableSinceUtc), Output.Day(e.AvailableToUtc)]);
        }));
        return command;
    }
}
