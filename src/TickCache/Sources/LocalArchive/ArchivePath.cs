using System.Globalization;
using TickCache.Planning;

namespace TickCache.Sources.LocalArchive;

/// <summary>
/// The path of a chunk's file in a local archive: <see cref="LocalArchiveOptions.FileNamePattern"/> filled in with the
/// chunk's exchange, data type, dataset symbol and UTC day, below the archive root. Every value is a validated id, and
/// the result is checked to stay inside the root. Thread-safe (immutable).
/// </summary>
internal sealed class ArchivePath(string root, string pattern)
{
    private readonly string _root = Path.GetFullPath(root);

    public string Root => _root;

    public string Of(ChunkKey key)
    {
        var day = key.StartUtc;
        var relative = pattern
            .Replace("{exchange}", key.Exchange, StringComparison.Ordinal)
            .Replace("{dataType}", key.DataType, StringComparison.Ordinal)
            .Replace("{symbol}", key.Symbol, StringComparison.Ordinal)
            .Replace("{date}", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{yyyy}", day.ToString("yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MM}", day.ToString("MM", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{dd}", day.ToString("dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var path = Path.GetFullPath(Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"The archive path of {key} escapes the archive root.");
    }
}
