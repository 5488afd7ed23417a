using System.CommandLine;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache symbols</c>: what a source lists for an exchange (symbols, data types, dates).</summary>
internal static class SymbolsCommand
{
    public static Command Create()
    {
        var exchange = new Option<string>("--exchange") { Description = "Exchange id, e.g. binance-futures.", Required = true };
        var command = CliOptions.Command("symbols", "List the symbols a source has for an exchange, with their data types and dates (sources with a listing only).", exchange);
        command.SetAction((result, cancellationToken) => Cli.Run(async () =>
        {
            using var client = ClientFactory.Create(result);
            var symbols = await client.GetSymbolsAsync(result.GetValue(exchange)!, ClientFactory.SourceId(result), cancellationToken);
            return Output.Listing(
                symbols,
                result.GetValue(CliOptions.Json),
                $"{ClientFactory.SourceId(result)} has no listing of symbols (or its metadata cannot be read now): name symbols as the source spells them.",
                "symbols",
                ["symbol", "data types", "since (UTC)", "to (UTC)"],
                s => [s.Symbol, string.Join(',', s.DataTypes), Output.Day(s.AvailableSinceUtc), Output.Day(s.AvailableToUtc)]);
        }));
        return command;
    }
}
