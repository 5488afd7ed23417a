namespace TickCache.Compare;

/// <summary>One measured contender run: the process's own report plus what the emulator saw; <c>Failure</c> when it did not finish.</summary>
internal sealed record ContenderRun(
    string Scenario,
    string Contender,
    TimeSpan Wall,
    ContenderReport Report,
    int ServerRequests,
    long ServerBytes,
    int Server429s,
    int ServerPeakInFlight,
    TimeSpan ServerRequestWindow,
    string? Failure);
