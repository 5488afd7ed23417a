using System.CommandLine;
using TickCache.Cli.Commands;

// tickcache: plan, prefetch, ls, verify and purge a TickCache cache. Exit codes: 0 ok, 1 a check failed (verify),
// 2 bad arguments (with the help text), 3 a source error, 130 cancelled.
var root = new RootCommand("tickcache: historical crypto tick data, fetched once and cached (Tardis datasets, Binance public data, local archives).")
{
    PlanCommand.Create(),
    PrefetchCommand.Create(),
    LsCommand.Create(),
    VerifyCommand.Create(),
    PurgeCommand.Create(),
    ExportCommand.Create(),
    ExchangesCommand.Create(),
    SymbolsCommand.Create(),
    InstrumentsCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run 'tickcache --help' (or 'tickcache <command> --help') for the commands and options.");
    return 2;
}

return await parsed.InvokeAsync();
