using System.Globalization;
using TickCache.Planning;

namespace TickCache.Tiers;

/// <summary>
/// What an L2 folder holds, read from its file names (<see cref="ChunkKey.RelativePath"/> in reverse): every chunk file
/// with its source folder, key parts, size and times, and the quarantined (<c>….corrupt-*</c>) files. Temp files of
/// writers are never listed. Paths that are not TickCache's are skipped. Thread-safe (reads the file system only).
/// </summary>
internal static class DiskCatalog
{
    /// <summary>The chunk files under <paramref name="root"/>; <paramref name="sourceOfFolder"/> maps a source's L2 folder to its id (null: not ours).</summary>
    public static IEnumerable<(ChunkKey Key, FileInfo File)> Chunks(string root, Func<string, string?> sourceOfFolder)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories))
        {
            if (Parse(Path.GetRelativePath(root, path), sourceOfFolder) is { } key)
            {
                yield return (key, new FileInfo(path));
            }
        }
    }

    /// <summary>Files moved aside because they failed verification.</summary>
    public static IEnumerable<FileInfo> Quarantined(string root) =>
        Directory.Exists(root) ? Directory.EnumerateFiles(root, "*.parquet.corrupt-*", SearchOption.AllDirectories).Select(p => new FileInfo(p)) : [];

    /// <summary>The key of a relative path <c>[{folder}/]v{n}/{exchange}/{dataType}/{symbol}/{yyyy}/{MM}/{dd}.parquet</c> (or <c>…/{yyyy}/{MM}.parquet</c>), or null.</summary>
    public static ChunkKey? Parse(string relative, Func<string, string?> sourceOfFolder)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, '/');
        var folder = parts.Length > 0 && IsVersion(parts[0]) ? string.Empty : parts[0];
        var rest = folder.Length == 0 ? parts : parts[1..];
        if (sourceOfFolder(folder) is not { } source || rest.Length is not (6 or 7) || !IsVersion(rest[0]))
        {
            return null;
        }

        var version = int.Parse(rest[0].AsSpan(1), CultureInfo.InvariantCulture);
        var date = string.Join('-', rest[4..]).Replace(".parquet", string.Empty, StringComparison.Ordinal);
        var month = rest.Length == 6;
        if (!DateTime.TryParseExact(date, month ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
        {
            return null;
        }

        start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
        var length = month ? start.AddMonths(1) - start : DayGrid.Day;
        var key = new ChunkKey(source, rest[1], rest[2], rest[3], start, length, version, folder);
        return string.Equals(key.RelativePath.Replace('/', Path.DirectorySeparatorChar), relative.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal) ? key : null;
    }

    private static bool IsVersion(string part) => part.Length > 1 && part[0] == 'v' && part.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
