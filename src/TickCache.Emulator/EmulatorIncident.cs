namespace TickCache.Emulator;

/// <summary>An incident report the emulator publishes in the exchange metadata (Tardis <c>incidentReports</c>).</summary>
/// <param name="FromUtc">Start (UTC).</param>
/// <param name="ToUtc">End (UTC).</param>
/// <param name="Status">E.g. <c>resolved</c>.</param>
/// <param name="Details">Free text.</param>
public sealed record EmulatorIncident(DateTime FromUtc, DateTime ToUtc, string Status, string Details);
