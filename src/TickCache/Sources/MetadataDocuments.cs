using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using TickCache.Planning;
using TickCache.Storage;
using TickCache.Telemetry;

namespace TickCache.Sources;

/// <summary>
/// Small metadata documents of a source (e.g. instrument definitions) kept beside the L2 files, so a backtest reads them
/// once and then offline: <c>{CacheDirectory}/metadata/v1/{source}/{name}</c>, one header line
/// <c>tickcache-metadata 1 {readAtMicros} {xxHash64 hex} {length}</c> then the body bytes as the source sent them. Written
/// atomically (<see cref="AtomicFile"/>: temp file + rename; dead writers' temp files are swept on the next write); a
/// file whose header, length or hash does not match is deleted and reads as absent. Memory only when the client has no
/// disk tier. Thread-safe.
/// </summary>
internal sealed class MetadataDocuments(string? cacheDirectory, ILogger logger, TimeProvider time)
{
    private const string Magic = "tickcache-metadata 1";
    private readonly Dictionary<string, StoredDocument> _memory = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The stored document, or null when there is none (or it was damaged and is now deleted).</summary>
    public async Task<StoredDocument?> ReadAsync(string source, string name, CancellationToken cancellationToken)
    {
        var id = source + "/" + name;
        lock (_lock)
        {
            if (_memory.TryGetValue(id, out var held))
            {
                return held;
            }
        }

        if (PathOf(source, name) is not { } path || !File.Exists(path))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null; // removed or replaced while read: absent now, read again from the source
        }

        if (Parse(bytes) is not { } document)
        {
            Log.DocumentProblem(logger, path, "damaged (header, length or hash does not match); deleted, read again from the source");
            AtomicFile.TryDelete(path);
            return null;
        }

        lock (_lock)
        {
            _memory[id] = document;
        }

        return document;
    }

    /// <summary>Stores <paramref name="body"/> read at <paramref name="readAt"/> (memory, and disk when the client has one); returns what later reads return.</summary>
    public async Task<StoredDocument> WriteAsync(string source, string name, byte[] body, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        var document = new StoredDocument(body, readAt);
        lock (_lock)
        {
            _memory[source + "/" + name] = document;
        }

        if (PathOf(source, name) is not { } path)
        {
            return document;
        }

        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Magic} {UnixMicros.From(readAt.UtcDateTime)} {XxHash.Of(body):x16} {body.Length}\n"));
        try
        {
            AtomicFile.RemoveStaleTemps(path, time);
            await AtomicFile.WriteAsync(
                path,
                async (stream, ct) =>
                {
                    await stream.WriteAsync(header, ct).ConfigureAwait(false);
                    await stream.WriteAsync(body, ct).ConfigureAwait(false);
                },
                1 << 16,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DocumentProblem(logger, path, $"not written ({e.Message}); this client keeps it in memory");
        }

        return document;
    }

    private string? PathOf(string source, string name) =>
        cacheDirectory is null ? null : Path.Combine(cacheDirectory, "metadata", "v1", source, name);

    private static StoredDocument? Parse(byte[] bytes)
    {
        var end = Array.IndexOf(bytes, (byte)'\n');
        if (end < 0)
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(bytes, 0, end).Split(' ');
        if (parts.Length != 5 || parts[0] + " " + parts[1] != Magic
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            || !ulong.TryParse(parts[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash)
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length != bytes.Length - end - 1)
        {
            return null;
        }

        var body = bytes[(end + 1)..];
        return XxHash.Of(body) == hash ? new StoredDocument(body, new DateTimeOffset(UnixMicros.ToDateTime(micros))) : null;
    }
}
