using System.Text.Json;
using static TickCache.Sources.Tardis.TardisJson;

namespace TickCache.Sources.Tardis;

/// <summary>What <c>/v1/exchanges/{exchange}</c> says about datasets: symbols with their data types and dates, <c>exportedUntil</c>, incidents.</summary>
internal sealed record ExchangeMetadata(
    string Exchange,
    bool HasDatasets,
    DateTime? ExportedUntil,
    IReadOnlyDictionary<string, SymbolAvailability> Symbols,
    IReadOnlyList<KnownGap> Incidents)
{
    public static ExchangeMetadata Parse(string exchange, JsonElement root)
    {
        var symbols = new Dictionary<string, SymbolAvailability>(StringComparer.Ordinal);
        DateTime? exportedUntil = null;
        var hasDatasets = root.TryGetProperty("datasets", out var datasets) && datasets.ValueKind == JsonValueKind.Object;
        if (hasDatasets)
        {
            exportedUntil = Date(datasets, "exportedUntil");
            if (datasets.TryGetProperty("symbols", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var symbol in list.EnumerateArray())
                {
                    var id = symbol.GetProperty("id").GetString()!;
                    var types = symbol.TryGetProperty("dataTypes", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
                    symbols[id.ToUpperInvariant()] = new SymbolAvailability(id, types, Date(symbol, "availableSince"), Date(symbol, "availableTo"));
                }
            }
        }

        var incidents = new List<KnownGap>();
        if (root.TryGetProperty("incidentReports", out var reports) && reports.ValueKind == JsonValueKind.Array)
        {
            foreach (var report in reports.EnumerateArray())
            {
                if (Date(report, "from") is { } from && Date(report, "to") is { } to)
                {
                    incidents.Add(new KnownGap(from, to, Text(report, "status"), Text(report, "details")));
                }
            }
        }

        return new ExchangeMetadata(exchange, hasDatasets, exportedUntil, symbols, incidents);
    }

    /// <summary>The <c>/v1/exchanges</c> array: <c>[{ id, name, enabled, availableSince, availableTo? }]</c>, in id order.</summary>
    /// <exception cref="InvalidOperationException">The document is not an array of objects with an <c>id</c>.</exception>
    public static IReadOnlyList<ExchangeInfo> ParseList(JsonElement root) =>
        root.ValueKind != JsonValueKind.Array
            ? throw new InvalidOperationException($"The exchanges listing is a JSON {root.ValueKind}, not an array.")
            : [.. root.EnumerateArray().Select(ParseExchange).OrderBy(x => x.Id, StringComparer.Ordinal)];

    private static ExchangeInfo ParseExchange(JsonElement e)
    {
        var id = e.GetProperty("id").GetString() ?? throw new InvalidOperationException("An exchange of the listing has a null id.");
        var enabled = !e.TryGetProperty("enabled", out var flag) || flag.ValueKind != JsonValueKind.False;
        return new ExchangeInfo(id, Text(e, "name") is { Length: > 0 } name ? name : id, enabled, Date(e, "availableSince"), Date(e, "availableTo"));
    }
}

/// <summary>One dataset symbol of the metadata: its data types and the dates it has data for (<c>availableTo</c> exclusive, null = ongoing).</summary>
internal sealed record SymbolAvailability(string Id, IReadOnlyList<string> DataTypes, DateTime? AvailableSince, DateTime? AvailableTo);
