using System.Globalization;

namespace TickCache.Emulator;

/// <summary>
/// What the data folder holds, scanned once at start: per exchange, per data type, the symbols and the days with a file.
/// Immutable and thread-safe after construction.
/// </summary>
public sealed class DatasetCatalog
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, SortedSet<DateTime>>>> _exchanges = new(StringComparer.Ordinal);

    /// <summary>Scans <paramref name="root"/> (the folder holding <c>v1/</c>, or <c>v1/</c> itself).</summary>
    /// <param name="root">The data folder.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public DatasetCatalog(string root)
    {
        Root = Directory.Exists(Path.Combine(root, "v1")) ? Path.Combine(root, "v1") : root;
        if (!Directory.Exists(Root))
        {
            throw new DirectoryNotFoundException($"Emulator data folder '{root}' does not exist: pass a folder laid out as v1/{{exchange}}/{{dataType}}/{{yyyy}}/{{MM}}/{{dd}}/{{symbol}}.csv.gz.");
        }

        foreach (var file in Directory.EnumerateFiles(Root, "*.csv.gz", SearchOption.AllDirectories))
        {
            var parts = Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar);
            if (parts.Length != 6
                || !DateTime.TryParseExact($"{parts[2]}-{parts[3]}-{parts[4]}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
            {
                continue;
            }

            var symbol = parts[5][..^".csv.gz".Length];
            var types = Get(_exchanges, parts[0], () => new(StringComparer.Ordinal));
            var symbols = Get(types, parts[1], () => new(StringComparer.Ordinal));
            Get(symbols, symbol, () => []).Add(DateTime.SpecifyKind(day, DateTimeKind.Utc));
        }
    }

    /// <summary>The scanned folder (the one holding exchange folders).</summary>
    public string Root { get; }

    /// <summary>Exchange ids with at least one file.</summary>
    public IEnumerable<string> Exchanges => _exchanges.Keys;

    /// <summary>Data type → symbol → days with a file, for <paramref name="exchange"/>; null when unknown.</summary>
    /// <param name="exchange">Exchange id.</param>
    /// <returns>The exchange's datasets or null.</returns>
    public IReadOnlyDictionary<string, Dictionary<string, SortedSet<DateTime>>>? Exchange(string exchange) =>
        _exchanges.TryGetValue(exchange, out var types) ? types : null;

    /// <summary>The path of a day's file (it may not exist).</summary>
    /// <param name="exchange">Exchange id.</param>
    /// <param name="dataType">Data type id.</param>
    /// <param name="day">UTC day.</param>
    /// <param name="symbol">Symbol id.</param>
    /// <returns>The file path.</returns>
    public string PathOf(string exchange, string dataType, DateTime day, string symbol) =>
        Path.Combine(Root, exchange, dataType, day.ToString("yyyy", CultureInfo.InvariantCulture), day.ToString("MM", CultureInfo.InvariantCulture), day.ToString("dd", CultureInfo.InvariantCulture), symbol + ".csv.gz");

    private static TValue Get<TValue>(Dictionary<string, TValue> map, string key, Func<TValue> create)
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = create();
            map[key] = value;
        }

        return value;
    }
}
