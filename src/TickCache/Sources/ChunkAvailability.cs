namespace TickCache.Sources;

/// <summary>
/// What a source says of a chunk before it is downloaded: available (with the number of documented incidents that
/// overlap it), or not published by the source (a gap, with the reason: e.g. before <c>availableSince</c>).
/// </summary>
/// <param name="Available">Whether the source has (or may have) the chunk.</param>
/// <param name="Reason">Why not, when not available: one sentence naming the value and what is available instead.</param>
/// <param name="Incidents">Documented incidents overlapping the chunk (known gaps inside available data).</param>
internal readonly record struct ChunkAvailability(bool Available, string? Reason, int Incidents)
{
    /// <summary>Available, nothing known against it (also the answer when the source's metadata cannot be read).</summary>
    public static ChunkAvailability Yes { get; } = new(true, null, 0);

    /// <summary>Not published by the source.</summary>
    public static ChunkAvailability Gap(string reason) => new(false, reason, 0);
}
