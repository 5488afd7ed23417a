using Microsoft.Extensions.Logging;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Storage;
using TickCache.Telemetry;

namespace TickCache.Tiers;

/// <summary>
/// L2: one verified Parquet file per closed chunk under <c>{root}/{ChunkKey.RelativePath}</c>. Writes go to a temp file in
/// the same directory and are renamed into place, so a reader never sees a partial file. A file that fails verification
/// is moved aside (<c>….corrupt-{yyyyMMddTHHmmssZ}</c>) and reported as a miss. Every I/O error is a miss, never an
/// exception to the caller (tiers fail soft). Thread-safe; safe across processes sharing the directory.
/// </summary>
internal sealed class DiskTier(string root, ILogger logger, CacheCounters counters, TimeProvider time, long budgetBytes = 0)
{
    private readonly string _root = Path.GetFullPath(root);
    private readonly DiskBudget? _budget = budgetBytes > 0 ? new DiskBudget(Path.GetFullPath(root), budgetBytes, counters, logger) : null;

    /// <summary>L2 encodes in this process (the cores are the process's, whatever its clients): see <see cref="WriteAsync"/>.</summary>
    private static readonly SemaphoreSlim Encoders = new(EncodeConcurrency);

    /// <summary>The cache root (full path).</summary>
    public string Root => _root;

    public string PathOf(ChunkKey key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key.RelativePath));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The cache path of {key} escapes the cache root.");
        }

        return path;
    }

    public async Task<ChunkColumns?> TryReadAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            if (!File.Exists(path))
            {
                counters.DiskLookup(hit: false);
                return null;
            }

            var (columns, problem) = await ReadFileAsync(path, key, cancellationToken).ConfigureAwait(false);
            if (columns is not null)
            {
                counters.DiskLookup(hit: true);
                if (_budget is not null)
                {
                    File.SetLastAccessTimeUtc(path, time.GetUtcNow().UtcDateTime); // the budget's LRU order
                }

                return columns;
            }

            Quarantine(path, key, problem!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DiskError(logger, e, "read", key.ToString());
        }

        counters.DiskLookup(hit: false);
        return null;
    }

    /// <summary>
    /// One large read of the whole file into a pooled buffer (the decoded columns never reference it), then decode and
    /// verify. Pooling keeps a long streaming read from faulting in a fresh file-sized buffer for every chunk.
    /// </summary>
    private static async Task<(ChunkColumns? Columns, string? Problem)> ReadFileAsync(string path, ChunkKey key, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            if (file.Length > Array.MaxLength)
            {
                return (null, $"the file is {file.Length} bytes, more than one chunk can hold");
            }

            var length = (int)file.Length;
            var buffer = ColumnPool.Rent<byte>(length);
            try
            {
                await file.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                return await ParquetChunkCodec.ReadAsync(buffer.AsMemory(0, length), key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ColumnPool.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Encodes <paramref name="columns"/> into the L2 file of <paramref name="key"/> (temp file + rename). The file is
    /// encoded into a pooled buffer first and written in one go: the Parquet writer's many small writes cost more
    /// through a file stream (measured ~250 ms per 2 M-trade day here), and a reused buffer avoids the page faults. At
    /// most <see cref="EncodeConcurrency"/> encodes run at once in the process: each holds ~70 MB of encoder buffers
    /// for a 2 M-trade day, and a cold stream's first prefetch window finishes its downloads together (four at once
    /// took a 10-day cold stream to ~1 GiB peak RSS); the encode is CPU-bound, so more at once only adds memory.
    /// </summary>
    public async Task WriteAsync(ChunkKey key, ChunkColumns columns, CancellationToken cancellationToken)
    {
        await Encoders.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PooledBytes file;
            using (var stream = new PooledWriteStream(reserve: 0))
            {
                await ParquetChunkCodec.WriteAsync(stream, key, columns, ParquetLayout.Default, cancellationToken).ConfigureAwait(false);
                file = stream.Detach();
            }

            using (file)
            {
                await WriteBytesAsync(key, file.Memory, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Encoders.Release();
        }
    }

    /// <summary>L2 encodes at once in this process: half the processors (the other half decode downloads), at least one.</summary>
    public static int EncodeConcurrency => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Writes an already verified L2 file (e.g. from L3) for <paramref name="key"/> (temp file + rename).</summary>
    public Task WriteBytesAsync(ChunkKey key, ReadOnlyMemory<byte> file, CancellationToken cancellationToken) =>
        WriteFileAsync(key, (stream, ct) => stream.WriteAsync(file, ct).AsTask(), cancellationToken);

    private async Task WriteFileAsync(ChunkKey key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            await AtomicFile.WriteAsync(path, write, 1 << 20, cancellationToken).ConfigureAwait(false);
            _budget?.Added(path, new FileInfo(path).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DiskError(logger, e, "write", key.ToString());
        }
    }

    /// <summary>Whether the L2 file of <paramref name="key"/> exists (no read, nothing counted).</summary>
    public bool Exists(ChunkKey key)
    {
        try
        {
            return File.Exists(PathOf(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes the temp files that dead writers left beside the L2 file of <paramref name="key"/>
    /// (<see cref="AtomicFile.RemoveStaleTemps"/>): never a live writer's file. Best effort: errors are logged.
    /// </summary>
    public void RemoveStaleTemps(ChunkKey key)
    {
        try
        {
            AtomicFile.RemoveStaleTemps(PathOf(key), time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DiskError(logger, e, "clean", key.ToString());
        }
    }

    private void Quarantine(string path, ChunkKey key, string problem)
    {
        counters.DiskCorrupt();
        var aside = $"{path}.corrupt-{time.GetUtcNow():yyyyMMddTHHmmssfffZ}";
        try
        {
            File.Move(path, aside, overwrite: true);
        }
        catch (IOException)
        {
            AtomicFile.TryDelete(path);
        }

        Log.DiskCorrupt(logger, path, key.ToString(), problem, aside);
    }
}
