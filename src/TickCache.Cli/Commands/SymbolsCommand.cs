using System.CommandLine;
using System.Globalization;

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
            if (symbols is null)
            {
                Output.Error($"{ClientFactory.SourceId(result)} has no listing of symbols (or its metadata cannot be read now): name symbols as the source spells them.");
                return 3;
            }

            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(symbols);
            }
            else
            {
                Output.Table(["symbol", "data types", "since (UTC)", "to (UTC)"], symbols.Select(s => new[] { s.Symbol, string.Join(',', s.DataTypes), Output.Day(s.AvailableSinceUtc), Output.Day(s.AvailableToUtc) }));
                Output.Line(string.Create(CultureInfo.InvariantCulture, $"symbols: {symbols.Count}"));
            }

            return 0;
        }));
        return command;
    }
}
