using TickCache.Diagnostics;

namespace TickCache.Sources;

/// <summary>
/// Instrument definitions across a client's sources: the listing of the first source with an instruments API (the Tardis
/// one), and the documented facts (<see cref="InstrumentCatalog"/>) where that listing cannot be had. One owner of the
/// rule "API definitions when available, else facts, else a clear error". Thread-safe.
/// </summary>
internal sealed class InstrumentDirectory(IReadOnlyList<ITickSource> sources)
{
    /// <summary>The listing of the first source that has one; null when none has an instruments API.</summary>
    public async Task<IReadOnlyList<Instrument>?> ListAsync(string exchange, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            if (await source.GetInstrumentsAsync(exchange, cancellationToken).ConfigureAwait(false) is { } listing)
            {
                return listing;
            }
        }

        return null;
    }

    /// <summary>The listed definition of the dataset symbol, else the facts, else null; a listing failure falls back to the facts when there are any.</summary>
    public async Task<Instrument?> FindAsync(string exchange, string symbol, CancellationToken cancellationToken)
    {
        var facts = InstrumentCatalog.Describe(exchange, symbol);
        var listing = await ListOrNullAsync(exchange, facts is not null, cancellationToken).ConfigureAwait(false);
        return listing?.FirstOrDefault(i => string.Equals(i.Symbol, symbol, StringComparison.OrdinalIgnoreCase)) ?? facts;
    }

    /// <summary>The instrument of a canonical id (the listing's, else the facts'); throws <see cref="ArgumentException"/> naming the nearest known ids.</summary>
    public async Task<Instrument> ResolveAsync(string canonicalId, string parameter, CancellationToken cancellationToken)
    {
        var at = canonicalId.LastIndexOf('@');
        if (at <= 0 || at == canonicalId.Length - 1)
        {
            throw Errors.BadCanonicalId(canonicalId, parameter);
        }

        var exchange = Validation.QueryValidation.Exchange(canonicalId[(at + 1)..]);
        var facts = InstrumentCatalog.Resolve(canonicalId);
        var listing = await ListOrNullAsync(exchange, facts is not null, cancellationToken).ConfigureAwait(false);
        var matches = listing?.Where(i => string.Equals(i.CanonicalId, canonicalId, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        return matches.Count switch
        {
            1 => matches[0],
            > 1 => throw Errors.AmbiguousCanonicalId(canonicalId, matches.Select(m => m.Symbol), parameter),
            _ => facts ?? throw Errors.UnknownCanonicalId(canonicalId, Nearest.Of(canonicalId, listing?.Select(i => i.CanonicalId) ?? []), parameter),
        };
    }

    /// <summary>The listing; null instead of a failure when the facts can answer (e.g. no key, offline).</summary>
    private async Task<IReadOnlyList<Instrument>?> ListOrNullAsync(string exchange, bool factsExist, CancellationToken cancellationToken)
    {
        try
        {
            return await ListAsync(exchange, cancellationToken).ConfigureAwait(false);
        }
        catch (TickCacheException) when (factsExist)
        {
            return null;
        }
    }
}
