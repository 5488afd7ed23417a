using System.Text.Json;
using Spectre.Console;

namespace TickCache.Cli;

/// <summary>Results on stdout: one JSON document with <c>--json</c>, else a table or plain lines; messages on stderr.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>A table: drawn in a terminal, aligned plain text when stdout is a file or a pipe (never wrapped to a width).</summary>
    public static void Table(string[] headers, IEnumerable<string[]> rows)
    {
        if (Console.IsOutputRedirected)
        {
            var all = new List<string[]> { headers };
            all.AddRange(rows);
            var widths = Enumerable.Range(0, headers.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
            all.ForEach(r => Console.Out.WriteLine(string.Join("  ", r.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()));
            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(header);
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        AnsiConsole.Console.Write(table);
    }

    public static void Line(string text) => Console.Out.WriteLine(text);

    /// <summary>
    /// A source's listing: JSON with <paramref name="json"/>, else a table and a <c>{name}: {count}</c> line; exit 0. A
    /// source without a listing (<paramref name="items"/> null) gets <paramref name="none"/> on stderr and exit 3.
    /// </summary>
    public static int Listing<T>(IReadOnlyList<T>? items, bool json, string none, string name, string[] headers, Func<T, string[]> row)
    {
        if (items is null)
        {
            Error(none);
            return 3;
        }

        if (json)
        {
            Json(items);
        }
        else
        {
            Table(headers, items.Select(row));
            Line(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}: {items.Count}"));
        }

        return 0;
    }

    /// <summary>A UTC date as <c>yyyy-MM-dd</c>, or <c>-</c> when unknown.</summary>
    public static string Day(DateTime? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    public static void Error(string text) => Console.Error.WriteLine(text.ReplaceLineEndings(" "));
}
