using System.CommandLine;
using System.Globalization;

namespace TickCache.Cli;

/// <summary>The options every command shares (where the cache and the source are, output form) and the query options.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> CacheDir = new("--cache-dir") { Description = "The cache folder (default: the library's, $XDG_CACHE_HOME/TickCache or ~/.cache/TickCache)." };

    public static readonly Option<string> Source = new("--source") { Description = "tardis (the datasets API), binance (Binance public data) or archive (a local folder of Tardis downloads).", DefaultValueFactory = _ => "tardis" };

    public static readonly Option<string?> Archive = new("--archive") { Description = "The local archive folder (with --source archive; files named as the official Tardis clients write them)." };

    public static readonly Option<string?> Endpoint = new("--endpoint") { Description = "The source's base URL (tardis: datasets and metadata together; binance: e.g. https://data.binance.vision)." };

    public static readonly Option<string?> ApiKey = new("--api-key") { Description = "The Tardis API key (default: the TARDIS_API_KEY environment variable). Never printed." };

    public static readonly Option<bool> Json = new("--json") { Description = "Machine-readable output on stdout (one JSON document)." };

    public static readonly Option<string> Exchange = new("--exchange") { Description = "Exchange id, e.g. binance-futures.", Required = true };

    public static readonly Option<string> DataTypes = new("--data-type") { Description = "Data type id(s), comma-separated, e.g. trades,quotes.", Required = true };

    public static readonly Option<string> Symbols = new("--symbols") { Description = "Symbol(s), comma-separated, e.g. BTCUSDT,ETHUSDT.", Required = true };

    public static readonly Option<string> From = new("--from") { Description = "First UTC day, yyyy-MM-dd (inclusive).", Required = true };

    public static readonly Option<string> To = new("--to") { Description = "End UTC day, yyyy-MM-dd (exclusive).", Required = true };

    /// <summary>Optional filters of the cache listing and purge (unlike the query options, none is required).</summary>
    public static readonly Option<string?> ExchangeFilter = new("--exchange") { Description = "Only this exchange." };

    public static readonly Option<string?> DataTypeFilter = new("--data-type") { Description = "Only this data type." };

    public static readonly Option<string?> SymbolsFilter = new("--symbols") { Description = "Only these symbols, comma-separated." };

    /// <summary>A command with the given options followed by the shared ones.</summary>
    public static Command Command(string name, string description, params Option[] options)
    {
        var command = new Command(name, description);
        Array.ForEach([.. options, .. Common], command.Options.Add);
        return command;
    }

    /// <summary>The symbols of <see cref="SymbolsFilter"/>, or null when not given.</summary>
    public static string[]? FilterSymbols(ParseResult result) =>
        result.GetValue(SymbolsFilter)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The shared options, for adding to a command.</summary>
    public static Option[] Common => [CacheDir, Source, Archive, Endpoint, ApiKey, Json];

    /// <summary>The query options, for adding to a command.</summary>
    public static Option[] Query => [Exchange, DataTypes, Symbols, From, To];

    /// <summary>One query per data type over the symbols and days given; an <see cref="ArgumentException"/> naming the option for bad values.</summary>
    public static IReadOnlyList<TickQuery> Queries(ParseResult result)
    {
        var from = Day(result.GetValue(From)!, "--from");
        var to = Day(result.GetValue(To)!, "--to");
        if (to <= from)
        {
            throw new ArgumentException($"--to {to:yyyy-MM-dd} is not after --from {from:yyyy-MM-dd}: the range is [from, to), UTC days.");
        }

        var symbols = List(result.GetValue(Symbols)!, "--symbols");
        var source = ClientFactory.SourceId(result);
        return [.. List(result.GetValue(DataTypes)!, "--data-type").Select(t => new TickQuery(result.GetValue(Exchange)!, t, symbols, from, to) { Source = source })];
    }

    private static string[] List(string value, string option)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 ? items : throw new ArgumentException($"{option} '{value}' names nothing: give one or more values, comma-separated.");
    }

    public static DateTime Day(string value, string option) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : throw new ArgumentException($"{option} '{value}' is not a date in yyyy-MM-dd form (UTC).");
}
