using Microsoft.Extensions.Logging;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Tiers;

/// <summary>
/// Cross-process single flight on one L2 folder: a lock file next to the chunk's L2 file (<c>….parquet.lock</c>), held
/// open exclusively while the chunk is fetched. The exclusive open is an OS file lock (<c>flock</c> on Unix, a sharing
/// mode on Windows) that the OS drops when the holder's process dies, so a crashed holder's lock is simply taken by the
/// next process (its lock file stays behind, unlocked and harmless, until that one releases). Releasing deletes the lock
/// file, then lets go of it: a process that opened the old file just before may also get a lock then, but every holder
/// looks for the L2 file again first, so at worst a download that failed is retried by two processes at once. Separate from the cache (the
/// <see cref="DiskTier"/> does not know it). A folder on which the lock cannot be taken at all (a file system without
/// locking, no write access) falls back to no lock: still correct data, possibly a duplicate download. Thread-safe.
/// </summary>
internal sealed class DiskLock(DiskTier disk, ILogger logger)
{
    /// <summary>Tries once to take the lock of <paramref name="key"/>.</summary>
    /// <returns>
    /// <c>Taken</c> with the held lock (dispose it to release), <c>Busy</c> when another holder has it, or
    /// <c>Unsupported</c> when the folder allows no lock (then proceed without one).
    /// </returns>
    public (LockState State, IDisposable? Held) TryTake(ChunkKey key)
    {
        var path = disk.PathOf(key) + ".lock";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return (LockState.Taken, new Held(stream, path));
        }
        catch (IOException e) when (IsSharingViolation(e))
        {
            return (LockState.Busy, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Log.DiskError(logger, e, "lock", key.ToString());
            return (LockState.Unsupported, null);
        }
    }

    /// <summary>A held lock: dispose to delete the lock file and release it.</summary>
    private sealed class Held(FileStream stream, string path) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind, unlocked: harmless, the next holder deletes it.
            }

            stream.Dispose();
        }
    }

    // ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION: what .NET reports on every OS when the exclusive open is refused.
    private static bool IsSharingViolation(IOException e) => (e.HResult & 0xFFFF) is 32 or 33 || e.HResult == 11;
}
