using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TickCache.Emulator;

/// <summary>Serves <c>/v1/exchanges</c> and <c>/v1/exchanges/{exchange}</c> in the shape of the Tardis metadata API, derived from the files.</summary>
internal sealed class MetadataHandler(TardisEmulator emulator)
{
    private static readonly string[] Formats = ["csv"];

    /// <summary>The listing: every exchange with files, its first day and (one day after) its last.</summary>
    public async Task HandleListAsync(HttpContext context)
    {
        emulator.CountMetadata();
        var list = emulator.Catalog.Exchanges.Order(StringComparer.Ordinal).Select(id =>
        {
            var days = emulator.Catalog.Exchange(id)!.Values.SelectMany(s => s.Values).SelectMany(d => d).ToList();
            return new { id, name = id, enabled = true, availableSince = Iso(days.Min()), availableTo = Iso(days.Max().AddDays(1)) };
        });
        await context.Response.WriteAsJsonAsync(list.ToArray());
    }

    public async Task HandleAsync(HttpContext context, string exchange)
    {
        emulator.CountMetadata();
        var types = emulator.Catalog.Exchange(exchange);
        if (types is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var days = types.Values.SelectMany(s => s.Values).SelectMany(d => d).ToList();
        var since = days.Min();
        var until = emulator.Options.ExportedUntil ?? days.Max().AddDays(1);
        var symbols = types
            .SelectMany(t => t.Value.Select(s => (Symbol: s.Key, Type: t.Key, Days: s.Value)))
            .GroupBy(x => x.Symbol, StringComparer.Ordinal)
            .Select(g => new
            {
                id = g.Key,
                type = "perpetual",
                availableSince = Iso(g.Min(x => x.Days.Min)),
                availableTo = Iso(g.Max(x => x.Days.Max).AddDays(1)),
                dataTypes = g.Select(x => x.Type).Order(StringComparer.Ordinal).ToArray(),
            })
            .ToArray();
        await context.Response.WriteAsJsonAsync(new
        {
            id = exchange,
            name = exchange,
            enabled = true,
            supportsDatasets = true,
            availableSince = Iso(since),
            availableSymbols = symbols.Select(s => new { s.id, s.type, s.availableSince, s.availableTo }).ToArray(),
            incidentReports = emulator.Options.Incidents.Select(i => new { from = Iso(i.FromUtc), to = Iso(i.ToUtc), status = i.Status, details = i.Details }).ToArray(),
            datasets = new
            {
                formats = Formats,
                exportedFrom = Iso(since),
                exportedUntil = Iso(until),
                symbols,
            },
        });
    }

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
