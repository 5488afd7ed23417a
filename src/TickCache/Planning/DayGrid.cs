namespace TickCache.Planning;

/// <summary>
/// Grid arithmetic shared by sources whose files are one per UTC day: the days that intersect a half-open range
/// <c>[from, to)</c>, one chunk per symbol per day, ordered by day then by the given symbol order. Overlapping ranges
/// give identical keys, the first layer of dedupe. Thread-safe (pure).
/// </summary>
internal static class DayGrid
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The UTC midnights <c>d</c> with <c>[d, d + 1 day)</c> intersecting <c>[fromUtc, toUtc)</c>, ascending.</summary>
    public static IEnumerable<DateTime> Days(DateTime fromUtc, DateTime toUtc)
    {
        for (var day = DateTime.SpecifyKind(fromUtc.Date, DateTimeKind.Utc); day < toUtc; day += Day)
        {
            yield return day;
        }
    }

    /// <summary>One day chunk per symbol per day of <c>[fromUtc, toUtc)</c>, day-major, in the source's cache folder.</summary>
    public static IReadOnlyList<ChunkKey> Plan(string source, string exchange, string dataType, IReadOnlyList<string> symbols, DateTime fromUtc, DateTime toUtc, string folder = "")
    {
        var keys = new List<ChunkKey>();
        foreach (var day in Days(fromUtc, toUtc))
        {
            foreach (var symbol in symbols)
            {
                keys.Add(new ChunkKey(source, exchange, dataType, symbol, day, Day, folder: folder));
            }
        }

        return keys;
    }
}
