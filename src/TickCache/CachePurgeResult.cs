namespace TickCache;

/// <summary>What <see cref="TickCacheClient.PurgeCache"/> removed (or, on a dry run, would remove). Immutable.</summary>
/// <param name="Files">The files' full paths.</param>
/// <param name="Bytes">Their total size.</param>
/// <param name="Skipped">Matching chunk files left alone because another process was writing them (their lock is held).</param>
public sealed record CachePurgeResult(IReadOnlyList<string> Files, long Bytes, int Skipped);
