namespace TickCache;

/// <summary>One exchange a source lists (<see cref="TickCacheClient.GetExchangesAsync"/>). Immutable.</summary>
/// <param name="Id">The exchange id queries use, e.g. <c>binance-futures</c>.</param>
/// <param name="Name">Its display name, as the source gives it.</param>
/// <param name="Enabled">Whether the source still collects it (a disabled exchange keeps its history).</param>
/// <param name="AvailableSinceUtc">First instant with data (UTC), or null when the source does not say.</param>
/// <param name="AvailableToUtc">Exclusive end of the data (UTC), or null when ongoing or not said.</param>
public sealed record ExchangeInfo(string Id, string Name, bool Enabled, DateTime? AvailableSinceUtc, DateTime? AvailableToUtc);
