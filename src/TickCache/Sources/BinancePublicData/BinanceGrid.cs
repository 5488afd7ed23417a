using TickCache.Planning;

namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// The archive's grid: UTC months and UTC days. For each calendar month a query touches, one cell of month chunks (one
/// per symbol) or day cells, decided in this order:
/// <list type="number">
/// <item>a data type with only monthly files (fundingRate) → the month; with only daily files (bookTicker) → days;</item>
/// <item>the month chunk of every symbol is already stored (L1 or L2) → the month (a query of some days of it reads it and trims);</item>
/// <item>monthly files off, or the month ended less than the monthly-file delay ago (the file may not be uploaded yet) → days;</item>
/// <item>the query does not touch every UTC day of the month → days (a month file would download days nobody asked for);</item>
/// <item>any day chunk of the month is already stored for any symbol → days, so a stored day is never downloaded again as
/// part of a month (the other days then cost one request each);</item>
/// <item>otherwise → the month: one file instead of ~30.</item>
/// </list>
/// A month stored for some symbols but not others, and days stored for others, is read as days when the query does
/// not cover it (those symbols' days are then downloaded though their month is stored). Thread-safe (pure but for the clock).
/// </summary>
internal sealed class BinanceGrid(string source, string folder, BinancePublicDataOptions options, TimeProvider time)
{
    public IReadOnlyList<ChunkKey> Plan(TickQuery query, BinanceLayout? layout, Func<ChunkKey, bool> isStored)
    {
        var keys = new List<ChunkKey>();
        var now = time.GetUtcNow().UtcDateTime;
        for (var month = new DateTime(query.FromUtc.Year, query.FromUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc); month < query.ToUtc; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1);
            var months = query.Symbols.Select(s => new ChunkKey(source, query.Exchange, query.DataType, s, month, end - month, folder: folder)).ToList();
            var from = query.FromUtc > month ? query.FromUtc : month;
            var to = query.ToUtc < end ? query.ToUtc : end;
            var days = DayGrid.Plan(source, query.Exchange, query.DataType, query.Symbols, from, to, folder);
            keys.AddRange(UseMonth(layout, months, days, query, month, end, now, isStored) ? months : days);
        }

        return keys;
    }

    private bool UseMonth(BinanceLayout? layout, List<ChunkKey> months, IReadOnlyList<ChunkKey> days, TickQuery query, DateTime month, DateTime end, DateTime now, Func<ChunkKey, bool> isStored)
    {
        if (layout is null || !layout.Monthly)
        {
            return false;
        }

        if (!layout.Daily || months.TrueForAll(k => isStored(k)))
        {
            return true;
        }

        var covered = query.FromUtc < month + DayGrid.Day && query.ToUtc > end - DayGrid.Day;
        return options.UseMonthlyFiles && end + options.MonthlyFileDelay <= now && covered && !days.Any(isStored);
    }
}
