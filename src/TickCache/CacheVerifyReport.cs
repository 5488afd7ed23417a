namespace TickCache;

/// <summary>The result of <see cref="TickCacheClient.VerifyCacheAsync"/>: files checked, valid, and moved aside. Immutable.</summary>
/// <param name="Checked">Chunk files read and verified (footer key, row count, content hash).</param>
/// <param name="Valid">Files that verified.</param>
/// <param name="Quarantined">Files that failed, now renamed <c>….corrupt-{time}</c> (refetched on the next query).</param>
public sealed record CacheVerifyReport(int Checked, int Valid, IReadOnlyList<string> Quarantined);
