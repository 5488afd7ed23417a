namespace TickCache;

/// <summary>
/// A documented data gap: an incident report from the exchange metadata (Tardis <c>incidentReports</c>) overlapping a
/// query. Missing or thin data inside it is a known outage, not a download failure and not an ordinary empty day.
/// </summary>
/// <param name="FromUtc">Start of the incident (UTC).</param>
/// <param name="ToUtc">End of the incident (UTC).</param>
/// <param name="Status">The report's status, e.g. <c>resolved</c>.</param>
/// <param name="Details">The report's text.</param>
public sealed record KnownGap(DateTime FromUtc, DateTime ToUtc, string Status, string Details);
