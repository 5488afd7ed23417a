using Microsoft.Extensions.Logging;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Loading;

/// <summary>
/// Decides whether a chunk is closed (final, so it may be written to L2) or still open. A chunk that has not ended yet
/// is open. A chunk that ended long ago (more than <see cref="AskWindow"/>) is closed without asking. In between, the
/// source's <c>datasets.exportedUntil</c> decides (read at most once per exchange per <see cref="MetadataTtl"/>); when it
/// cannot be read, the chunk is closed once its end plus the settle delay has passed. Time from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ChunkFinality(Func<string, CancellationToken, Task<DateTime?>> exportedUntil, TimeSpan settleDelay, TimeProvider time, ILogger logger) : IDisposable
{
    public static readonly TimeSpan AskWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan MetadataTtl = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, (DateTimeOffset ReadAt, DateTime? Until)> _metadata = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

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

        var until = await ExportedUntilAsync(key.Exchange, cancellationToken).ConfigureAwait(false);
        var finalAfter = until is null ? key.EndUtc + settleDelay : key.EndUtc;
        var final = until is null ? now >= finalAfter : key.EndUtc <= until.Value;
        if (!final)
        {
            Log.OpenChunk(logger, key.ToString(), until is null ? finalAfter : key.EndUtc);
        }

        return final;
    }

    public void Dispose() => _lock.Dispose();

    private async Task<DateTime?> ExportedUntilAsync(string exchange, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_metadata.TryGetValue(exchange, out var cached) && now - cached.ReadAt < MetadataTtl)
            {
                return cached.Until;
            }

            DateTime? until;
            try
            {
                until = await exportedUntil(exchange, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                Log.MetadataUnavailable(logger, exchange, e.Message);
                until = null;
            }

            _metadata[exchange] = (now, until);
            return until;
        }
        finally
        {
            _lock.Release();
        }
    }
}
