using TickCache.Fetching;
using TickCache.Sources;

namespace TickCache.Pipeline;

/// <summary>A source together with its fetch pipeline (retries, rate gate, attempt timeout): what the tier chain calls on a miss.</summary>
/// <param name="Source">The source.</param>
/// <param name="Fetch">The source's own fetch pipeline (each source has its own limits).</param>
internal sealed record ChunkSource(ITickSource Source, FetchPipeline Fetch);
