using TickCache.Diagnostics;
using TickCache.Planning;

namespace TickCache.Sources.Tardis;

/// <summary>
/// Checks a chunk against the exchange metadata before it is downloaded. An exchange Tardis does not list, one without
/// datasets, a symbol the exchange does not list or a data type the symbol does not have throws
/// <see cref="DataNotAvailableException"/> naming the value and what is available instead. A day before the symbol's
/// <c>availableSince</c> or from its <c>availableTo</c> on is a gap. Incidents overlapping the chunk are counted. When
/// the metadata cannot be read the chunk is available (the datasets API itself answers). Thread-safe.
/// </summary>
internal sealed class TardisAvailability(MetadataCache metadata)
{
    private const int MaxListed = 12;

    public async Task<ChunkAvailability> CheckAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var result = await metadata.GetAsync(key.Exchange, cancellationToken).ConfigureAwait(false);
        if (!result.Known)
        {
            return ChunkAvailability.Yes;
        }

        var symbol = Symbol(key, result.Metadata);
        if (symbol.AvailableSince is { } since && key.EndUtc <= since.Date)
        {
            return ChunkAvailability.Gap($"'{key.Exchange}' {key.DataType} {key.Symbol} has no data on {key.StartUtc:yyyy-MM-dd}: it is available from {since:yyyy-MM-dd} (availableSince)");
        }

        if (symbol.AvailableTo is { } to && key.StartUtc >= to)
        {
            return ChunkAvailability.Gap($"'{key.Exchange}' {key.DataType} {key.Symbol} has no data on {key.StartUtc:yyyy-MM-dd}: its last day is {to.AddTicks(-1):yyyy-MM-dd} (availableTo {to:yyyy-MM-ddTHH:mm:ssZ})");
        }

        var incidents = result.Metadata!.Incidents.Count(i => i.FromUtc < key.EndUtc && i.ToUtc > key.StartUtc);
        return new ChunkAvailability(true, null, incidents);
    }

    /// <summary>The days of <c>[from, to)</c> the symbol's metadata excludes, as gaps; empty when unknown.</summary>
    public static IReadOnlyList<KnownGap> Unpublished(ExchangeMetadata? exchange, TickQuery query, string symbolId)
    {
        if (exchange is null || !exchange.Symbols.TryGetValue(symbolId, out var symbol))
        {
            return [];
        }

        var gaps = new List<KnownGap>();
        if (symbol.AvailableSince is { } since && query.FromUtc < since.Date)
        {
            gaps.Add(new KnownGap(query.FromUtc, Min(since.Date, query.ToUtc), "unavailable", $"{symbolId} is available from {since:yyyy-MM-dd} (availableSince)", KnownGapKind.NotPublished));
        }

        if (symbol.AvailableTo is { } to && query.ToUtc > to)
        {
            gaps.Add(new KnownGap(Max(to, query.FromUtc), query.ToUtc, "unavailable", $"{symbolId} is available until {to:yyyy-MM-ddTHH:mm:ssZ} (availableTo)", KnownGapKind.NotPublished));
        }

        return gaps;
    }

    private static SymbolAvailability Symbol(ChunkKey key, ExchangeMetadata? metadata)
    {
        var exchange = metadata ?? throw Errors.NotListed(key, "Tardis", $"it lists no exchange '{key.Exchange}'. Use a Tardis exchange id such as binance, binance-futures, deribit or bybit.");
        if (!exchange.HasDatasets)
        {
            throw Errors.NotListed(key, "Tardis", $"exchange '{key.Exchange}' has no downloadable datasets (no 'datasets' in its metadata).");
        }

        if (!exchange.Symbols.TryGetValue(key.Symbol, out var symbol))
        {
            var similar = exchange.Symbols.Keys.Where(s => s.StartsWith(key.Symbol[..Math.Min(3, key.Symbol.Length)], StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(MaxListed).ToList();
            var listed = similar.Count > 0 ? similar : [.. exchange.Symbols.Keys.Order(StringComparer.Ordinal).Take(MaxListed)];
            throw Errors.NotListed(key, "Tardis", $"exchange '{key.Exchange}' lists no dataset symbol '{key.Symbol}' ({exchange.Symbols.Count} symbols; e.g. {string.Join(", ", listed)}).");
        }

        if (!symbol.DataTypes.Contains(key.DataType, StringComparer.Ordinal))
        {
            throw Errors.NotListed(key, "Tardis", $"symbol '{key.Symbol}' on '{key.Exchange}' has no '{key.DataType}' dataset; it has: {string.Join(", ", symbol.DataTypes)}.");
        }

        return symbol;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
