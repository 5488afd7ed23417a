using Microsoft.Extensions.Logging;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Sources.Tardis;

/// <summary>
/// Decides whether a Tardis chunk is closed (final, so it may be written to L2) or still open. A chunk that has not
/// ended yet is open. A chunk that ended long ago (more than <see cref="AskWindow"/>) is closed without asking. In
/// between, <c>datasets.exportedUntil</c> decides; when it cannot be read, the chunk is closed once its end plus the
/// settle delay has passed. Time from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TardisFinality(MetadataCache metadata, TimeSpan settleDelay, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan AskWindow = TimeSpan.FromDays(7);

    public async Task<bool> IsFinalAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (key.EndUtc > now)
        {
            Log.OpenChunk(logger, key.ToString(), key.EndUtc);
            return false;
        }

        if (now - key.EndUtc > AskWindow)
        {
            return true;
        }

        var until = (await metadata.GetAsync(key.Exchange, cancellationToken).ConfigureAwait(false)).Metadata?.ExportedUntil;
        var finalAfter = until is null ? key.EndUtc + settleDelay : key.EndUtc;
        var final = until is null ? now >= finalAfter : key.EndUtc <= until.Value;
        if (!final)
        {
            Log.OpenChunk(logger, key.ToString(), finalAfter);
        }

        return final;
    }
}
