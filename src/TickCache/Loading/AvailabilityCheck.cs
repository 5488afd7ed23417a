using TickCache.Planning;
using TickCache.Sources.Tardis;

namespace TickCache.Loading;

/// <summary>
/// Before a chunk is downloaded, checks it against the exchange metadata: the exchange exists and has datasets, the
/// symbol is listed, it has the data type, and the day lies within its <c>availableSince</c>/<c>availableTo</c>. A
/// violation throws <see cref="ArgumentException"/> naming the value and what is available instead. When the metadata
/// cannot be read the check passes (the source itself answers). Thread-safe.
/// </summary>
internal sealed class AvailabilityCheck(MetadataCache metadata)
{
    private const int MaxListed = 12;

    /// <summary>Returns the incidents overlapping the chunk (known gaps); throws when the chunk cannot exist.</summary>
    public async Task<IReadOnlyList<KnownGap>> EnsureAvailableAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var result = await metadata.GetAsync(key.Exchange, cancellationToken).ConfigureAwait(false);
        if (!result.Known)
        {
            return [];
        }

        var exchange = result.Metadata ?? throw Bad($"Tardis lists no exchange '{key.Exchange}': use a Tardis exchange id such as binance, binance-futures, deribit or bybit.");
        if (!exchange.HasDatasets)
        {
            throw Bad($"Exchange '{key.Exchange}' has no downloadable datasets on Tardis (no 'datasets' in its metadata).");
        }

        if (!exchange.Symbols.TryGetValue(key.Symbol, out var symbol))
        {
            var similar = exchange.Symbols.Keys.Where(s => s.StartsWith(key.Symbol[..Math.Min(3, key.Symbol.Length)], StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(MaxListed).ToList();
            var listed = similar.Count > 0 ? similar : [.. exchange.Symbols.Keys.Order(StringComparer.Ordinal).Take(MaxListed)];
            throw Bad($"Exchange '{key.Exchange}' lists no dataset symbol '{key.Symbol}' ({exchange.Symbols.Count} symbols; e.g. {string.Join(", ", listed)}).");
        }

        if (!symbol.DataTypes.Contains(key.DataType, StringComparer.Ordinal))
        {
            throw Bad($"Symbol '{key.Symbol}' on '{key.Exchange}' has no '{key.DataType}' dataset; it has: {string.Join(", ", symbol.DataTypes)}.");
        }

        if (symbol.AvailableSince is { } since && key.EndUtc <= since.Date)
        {
            throw Bad($"'{key.Exchange}' {key.DataType} {key.Symbol} has no data on {key.StartUtc:yyyy-MM-dd}: it is available from {since:yyyy-MM-dd} (availableSince).");
        }

        if (symbol.AvailableTo is { } to && key.StartUtc >= to)
        {
            throw Bad($"'{key.Exchange}' {key.DataType} {key.Symbol} has no data on {key.StartUtc:yyyy-MM-dd}: its last day is {to.AddTicks(-1):yyyy-MM-dd} (availableTo {to:yyyy-MM-ddTHH:mm:ssZ}).");
        }

        return exchange.Incidents.Where(i => i.FromUtc < key.EndUtc && i.ToUtc > key.StartUtc).ToList();
    }

    // The parameter at fault is the caller's query (TickCacheClient.GetBatchesAsync), not one of this method's.
#pragma warning disable CA2208
    private static ArgumentException Bad(string message) => new(message + " Nothing was downloaded.", "query");
#pragma warning restore CA2208
}
