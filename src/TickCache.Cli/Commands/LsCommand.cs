using System.CommandLine;
using System.Globalization;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache ls</c>: what the cache holds per source, exchange, data type and symbol.</summary>
internal static class LsCommand
{
    public static Command Create()
    {
        var (exchange, dataType) = (CliOptions.ExchangeFilter, CliOptions.DataTypeFilter);
        var command = CliOptions.Command("ls", "List what is cached: per source, exchange, data type and symbol the periods held, bytes and last access.", exchange, dataType, CliOptions.SymbolsFilter);
        command.SetAction(result => Cli.Run(() =>
        {
            using var client = ClientFactory.Create(result);
            var wanted = CliOptions.FilterSymbols(result)?.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var chunks = client.GetCachedChunks()
                .Where(c => (result.GetValue(exchange) is not { } e || e == c.Exchange) && (result.GetValue(dataType) is not { } t || t == c.DataType) && (wanted is null || wanted.Contains(c.Symbol)))
                .ToList();
            var groups = chunks.GroupBy(c => (c.Source, c.Exchange, c.DataType, c.Symbol)).Select(g => new
            {
                g.Key.Source,
                g.Key.Exchange,
                g.Key.DataType,
                g.Key.Symbol,
                Chunks = g.Count(),
                First = g.Min(c => c.StartUtc),
                End = g.Max(c => c.EndUtc),
                Bytes = g.Sum(c => c.Bytes),
                LastAccessUtc = g.Max(c => c.LastAccessUtc),
            }).ToList();
            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(new { chunks = chunks.Count, bytes = chunks.Sum(c => c.Bytes), groups });
            }
            else
            {
                Output.Table(
                    ["source", "exchange", "data type", "symbol", "chunks", "from", "to", "bytes", "last access (UTC)"],
                    groups.Select(g => new[] { g.Source, g.Exchange, g.DataType, g.Symbol, g.Chunks.ToString(CultureInfo.InvariantCulture), g.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Bytes.ToString("N0", CultureInfo.InvariantCulture), g.LastAccessUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) }));
                Output.Line(string.Create(CultureInfo.InvariantCulture, $"ls: chunks={chunks.Count} bytes={chunks.Sum(c => c.Bytes)}"));
            }

            return Task.FromResult(0);
        }));
        return command;
    }
}
