using Microsoft.Extensions.Logging;
using TickCache.Telemetry;

namespace TickCache.Sources.Tardis;

/// <summary>
/// Exchange metadata read at most once per exchange per <see cref="Ttl"/> (on the client's <see cref="TimeProvider"/>).
/// A read failure is logged and cached for the same TTL as "unknown" (callers then fall back), never thrown. Thread-safe.
/// </summary>
internal sealed class MetadataCache(Func<string, CancellationToken, Task<ExchangeMetadata?>> read, TimeProvider time, ILogger logger) : IDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, (DateTimeOffset ReadAt, Result Value)> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>The metadata (Known = false when it could not be read; Metadata = null when the exchange is unknown).</summary>
    public async Task<Result> GetAsync(string exchange, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(exchange, out var cached) && now - cached.ReadAt < Ttl)
            {
                return cached.Value;
            }

            Result result;
            try
            {
                result = new Result(true, await read(exchange, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Log.MetadataUnavailable(logger, exchange, e.Message);
                result = new Result(false, null);
            }

            _entries[exchange] = (now, result);
            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    internal sealed record Result(bool Known, ExchangeMetadata? Metadata);
}
