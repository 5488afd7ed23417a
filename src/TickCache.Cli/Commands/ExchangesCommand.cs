using System.CommandLine;
using System.Globalization;

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
            if (exchanges is null)
            {
                Output.Error($"{ClientFactory.SourceId(result)} has no listing of exchanges (or it cannot be read now).");
                return 3;
            }

            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(exchanges);
            }
            else
            {
                Output.Table(["exchange", "name", "enabled", "since (UTC)", "to (UTC)"], exchanges.Select(e => new[] { e.Id, e.Name, e.Enabled ? "yes" : "no", Output.Day(e.AvailableSinceUtc), Output.Day(e.AvailableToUtc) }));
                Output.Line(string.Create(CultureInfo.InvariantCulture, $"exchanges: {exchanges.Count}"));
            }

            return 0;
        }));
        return command;
    }
}
