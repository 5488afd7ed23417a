namespace TickCache;

/// <summary>One symbol a source lists for an exchange (<see cref="TickCacheClient.GetSymbolsAsync"/>): its data types and the UTC dates it has data for. Immutable.</summary>
/// <param name="Symbol">The dataset symbol, as the source spells it.</param>
/// <param name="DataTypes">The data type ids it has.</param>
/// <param name="AvailableSinceUtc">First instant with data (UTC), or null when the source does not say.</param>
/// <param name="AvailableToUtc">Exclusive end of the data (UTC), or null when ongoing or not said.</param>
public sealed record SymbolInfo(string Symbol, IReadOnlyList<string> DataTypes, DateTime? AvailableSinceUtc, DateTime? AvailableToUtc);
