using System.Globalization;

namespace TickCache.Storage;

/// <summary>
/// The one way the cache lays a file down whole: written to a temp file beside it (<c>.{name}.{pid}.{guid}.tmp</c>,
/// invisible to readers, who only open the final name), flushed to disk, then renamed over the final name; on failure
/// the temp file is deleted and the exception rethrown. A process killed mid-write leaves its temp file behind:
/// <see cref="RemoveStaleTemps"/> deletes those of writers no longer running (the pid in the name), never a live
/// writer's. Thread-safe; safe across processes sharing the folder.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/> (temp file + flush + rename; the folder is
    /// created). Throws what the file system or <paramref name="write"/> throws (<see cref="IOException"/>,
    /// <see cref="UnauthorizedAccessException"/>, <see cref="OperationCanceledException"/>), the temp file gone.
    /// </summary>
    public static Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, int bufferSize, CancellationToken cancellationToken) =>
        TryWriteAsync(
            path,
            async (stream, ct) =>
            {
                await write(stream, ct).ConfigureAwait(false);
                return true;
            },
            bufferSize,
            cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync"/>, but <paramref name="write"/> decides whether the file is kept: <see langword="false"/>
    /// deletes the temp file and leaves <paramref name="path"/> as it was (nothing is renamed). Returns what
    /// <paramref name="write"/> returned.
    /// </summary>
    public static async Task<bool> TryWriteAsync(string path, Func<Stream, CancellationToken, Task<bool>> write, int bufferSize, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            bool keep;
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                keep = await write(stream, cancellationToken).ConfigureAwait(false);
                if (keep)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            if (keep)
            {
                File.Move(temp, path, overwrite: true);
            }
            else
            {
                TryDelete(temp);
            }

            return keep;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes the temp files that dead writers left beside <paramref name="path"/>: those whose writer process (named
    /// in the file name, with or without the leading dot of earlier versions) no longer runs, and nameless ones older
    /// than a day. Never this process's or another live writer's. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when the folder cannot be listed (the caller decides; deletes are best effort).
    /// </summary>
    public static void RemoveStaleTemps(string path, TimeProvider time)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            return;
        }

        var name = Path.GetFileName(path);
        foreach (var prefix in (string[])[$".{name}.", $"{name}."])
        {
            foreach (var temp in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
            {
                var parts = Path.GetFileName(temp)[prefix.Length..].Split('.');
                var stale = parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    ? pid != Environment.ProcessId && !IsRunning(pid)
                    : time.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(temp) > TimeSpan.FromDays(1);
                if (stale)
                {
                    TryDelete(temp);
                }
            }
        }
    }

    /// <summary>Deletes <paramref name="path"/> if it can; a file left behind is never read (only final names are).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
