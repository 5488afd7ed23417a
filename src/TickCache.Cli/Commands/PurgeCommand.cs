using System.CommandLine;
using System.Globalization;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache purge</c>: remove cached files by filter, age, or quarantine.</summary>
internal static class PurgeCommand
{
    public static Command Create()
    {
        var (exchange, dataType) = (CliOptions.ExchangeFilter, CliOptions.DataTypeFilter);
        var from = new Option<string?>("--from") { Description = "Only chunks ending after this UTC day (yyyy-MM-dd)." };
        var to = new Option<string?>("--to") { Description = "Only chunks starting before this UTC day (yyyy-MM-dd)." };
        var olderThan = new Option<string?>("--older-than") { Description = "Only chunks not read for this long: e.g. 30d, 12h." };
        var quarantined = new Option<bool>("--quarantined") { Description = "Remove only the quarantined (.corrupt-*) files." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed; remove nothing." };
        var command = CliOptions.Command("purge", "Remove cached files: all, or those the filters select; never a file being written.", exchange, dataType, CliOptions.SymbolsFilter, from, to, olderThan, quarantined, dryRun);
        command.SetAction(result => Cli.Run(() =>
        {
            var only = result.GetValue(quarantined);
            var filter = new CachePurgeFilter
            {
                Source = result.GetResult(CliOptions.Source) is null ? null : ClientFactory.SourceId(result),
                Exchange = result.GetValue(exchange),
                DataType = result.GetValue(dataType),
                Symbols = CliOptions.FilterSymbols(result),
                FromUtc = result.GetValue(from) is { } f ? CliOptions.Day(f, "--from") : null,
                ToUtc = result.GetValue(to) is { } t ? CliOptions.Day(t, "--to") : null,
                OlderThan = result.GetValue(olderThan) is { } age ? Age(age) : null,
                Chunks = !only,
                Quarantined = only,
                DryRun = result.GetValue(dryRun),
            };
            using var client = ClientFactory.Create(result);
            var purged = client.PurgeCache(filter);
            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(purged);
            }
            else
            {
                purged.Files.ToList().ForEach(path => Output.Line((filter.DryRun ? "would remove: " : "removed: ") + path));
                Output.Line(purged.Files.Count == 0
                    ? "purge: nothing matched the filters"
                    : string.Create(CultureInfo.InvariantCulture, $"purge: files={purged.Files.Count} bytes={purged.Bytes} skipped_in_use={purged.Skipped}{(filter.DryRun ? " (dry run)" : string.Empty)}"));
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static TimeSpan Age(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        return double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && unit is 'd' or 'h' or 'm'
            ? unit switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromMinutes(n) }
            : throw new ArgumentException($"--older-than '{text}' is not an age: use a positive number with d, h or m, e.g. 30d.");
    }
}
