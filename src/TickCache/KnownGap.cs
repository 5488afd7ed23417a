namespace TickCache;

/// <summary>
/// A known gap overlapping a query: a documented incident of the source (Tardis <c>incidentReports</c>: missing or thin
/// data inside it is a known outage, not a download failure and not an ordinary empty day), or a range the source does
/// not publish for the symbol (before its first day, after its last: such days yield no rows and are counted in
/// <see cref="TickCacheStatistics.UnavailableChunks"/>).
/// </summary>
/// <param name="FromUtc">Start of the gap (UTC).</param>
/// <param name="ToUtc">End of the gap (UTC, exclusive).</param>
/// <param name="Status">The report's status, e.g. <c>resolved</c>; <c>unavailable</c> for a range the source does not publish.</param>
/// <param name="Details">The report's text, or what the source publishes instead.</param>
/// <param name="Kind">Whether this is a documented incident or a range the source does not publish.</param>
public sealed record KnownGap(DateTime FromUtc, DateTime ToUtc, string Status, string Details, KnownGapKind Kind = KnownGapKind.Incident);
