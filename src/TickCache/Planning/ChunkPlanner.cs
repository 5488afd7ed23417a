namespace TickCache.Planning;

/// <summary>
/// Splits a query range on the source's grid: Tardis datasets are one file per UTC day, so a query becomes the UTC days
/// that intersect <c>[from, to)</c>, one chunk per symbol per day, ordered by day then by the query's symbol order.
/// Overlapping queries produce identical keys, the first layer of dedupe. Thread-safe.
/// </summary>
internal static class ChunkPlanner
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static IReadOnlyList<ChunkKey> Plan(TickQuery query, string source = ChunkKey.TardisDatasets)
    {
        var first = query.FromUtc.Date;
        var keys = new List<ChunkKey>();
        for (var day = first; day < query.ToUtc; day += Day)
        {
            foreach (var symbol in query.Symbols)
            {
                keys.Add(new ChunkKey(source, query.Exchange, query.DataType, symbol, DateTime.SpecifyKind(day, DateTimeKind.Utc), Day));
            }
        }

        return keys;
    }
}
