using TickCache.Diagnostics;

namespace TickCache.Sources.LocalArchive;

/// <summary>Checks <see cref="LocalArchiveOptions"/>: the folder exists, the pattern names every key part and stays inside the folder. Pure but for the folder's existence.</summary>
internal static class ArchiveSettings
{
    public static void Validate(LocalArchiveOptions archive)
    {
        const string Prefix = "LocalArchive.";
        if (string.IsNullOrWhiteSpace(archive.Directory) || archive.Directory.Contains('\0', StringComparison.Ordinal))
        {
            throw Errors.NoArchiveDirectory(Prefix + nameof(archive.Directory));
        }

        if (!Directory.Exists(archive.Directory))
        {
            throw Errors.MissingArchiveDirectory(Prefix + nameof(archive.Directory), archive.Directory);
        }

        var pattern = archive.FileNamePattern ?? string.Empty;
        var rest = pattern;
        foreach (var part in new[] { "{exchange}", "{dataType}", "{symbol}", "{date}", "{yyyy}", "{MM}", "{dd}" })
        {
            rest = rest.Replace(part, "x", StringComparison.Ordinal);
        }

        var dated = pattern.Contains("{date}", StringComparison.Ordinal)
            || (pattern.Contains("{yyyy}", StringComparison.Ordinal) && pattern.Contains("{MM}", StringComparison.Ordinal) && pattern.Contains("{dd}", StringComparison.Ordinal));
        var named = pattern.Contains("{exchange}", StringComparison.Ordinal) && pattern.Contains("{dataType}", StringComparison.Ordinal) && pattern.Contains("{symbol}", StringComparison.Ordinal);
        var unsafePath = Path.IsPathRooted(pattern) || pattern.Split('/', '\\').Any(segment => segment is "" or "." or "..") || rest.IndexOfAny(['{', '}', '\0', '\\']) >= 0;
        if (!dated || !named || unsafePath)
        {
            throw Errors.BadArchivePattern(Prefix + nameof(archive.FileNamePattern), pattern);
        }
    }
}
