using System.Globalization;
using System.Net;
using TickCache.Planning;

namespace TickCache.Diagnostics;

/// <summary>
/// The messages of every failure a caller can see from a query, built in one place (Sylvan / StackExchange.Redis
/// style): what failed, for which chunk or value, why, and what to do. Never an API key or a password. A source's own
/// advice (how its ids are spelled, what its key entitles to) comes in as the <c>hint</c> sentence of the source.
/// Argument checks of queries and options build theirs in <c>Validation/</c>.
/// </summary>
internal static class Errors
{
    public static InvalidChunkDataException InvalidFile(ChunkKey key, string file, string what, long line, string? column, Exception? inner, bool final)
    {
        var where = line > 0 ? $" at line {line}" + (column is null ? string.Empty : $", column '{column}'") : string.Empty;
        var todo = final
            ? "Nothing of it was cached. Replace the file (e.g. download that day again) or remove it."
            : "Nothing of it was cached; the download is retried, and if the source keeps serving it, report the file to the data vendor.";
        return new InvalidChunkDataException($"The file {file} for {key} is invalid{where}: {what}. {todo}", key.ToString(), line, column, inner)
        {
            Permanent = final,
        };
    }

    public static InvalidChunkDataException RowOutsideChunk(ChunkKey key, string file, long line, string column, long micros) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The file {file} for {key} holds a row of another chunk at line {line}: its {column} {micros} ({Instant(micros)}) is outside the chunk [{key.StartUtc:yyyy-MM-ddTHH:mm:ssZ}, {key.EndUtc:yyyy-MM-ddTHH:mm:ssZ}). The source filed it by {column}, so the file is wrong (e.g. another day's file served for this one). Nothing of it was cached and it is not retried: report the file to the data vendor."),
            key.ToString(),
            line,
            column)
        {
            Permanent = true,
        };

    public static TickCacheException ArchiveUnreadable(ChunkKey key, string path, Exception cause) =>
        new($"The archive file {path} for {key} cannot be read: {cause.Message} Nothing was cached. Check the file's permissions, or remove it so the day counts as not in the archive.", key.ToString(), cause);

    public static InvalidChunkDataException Truncated(ChunkKey key, long bytes, long contentLength) =>
        new($"The body of {key} is {bytes} bytes but Content-Length said {contentLength}: truncated. Nothing was cached; retrying.", key.ToString());

    public static UpstreamRequestException Refused(ChunkKey key, HttpStatusCode status, string hint) =>
        new($"The source answered HTTP {(int)status} ({status}) for {key}: {hint}. Not retried.", key.ToString(), status);

    public static UpstreamUnavailableException Exhausted(ChunkKey key, int attempts, Exception last) =>
        new(
            $"Could not get {key} from the source after {attempts} attempt(s); the last one failed with: {last.Message} Nothing was cached. Try again later, lower TickCacheOptions.RequestsPerSecond or MaxConcurrentRequests if the source is rate limiting, or raise MaxRetries.",
            key.ToString(),
            attempts,
            last);

    /// <summary>The source does not have an exchange, symbol or data type at all (<paramref name="what"/> says which and what it has).</summary>
    public static DataNotAvailableException NotListed(ChunkKey key, string source, string what) =>
        new($"{source} cannot serve {key}: {what} Nothing was downloaded.", key.ToString());

    /// <summary>Every chunk of the query is a day the source does not publish.</summary>
    public static DataNotAvailableException NothingAvailable(TickQuery query, string source, int chunks, string firstReason) =>
        new($"No data for {query}: the source {source} publishes none of its {chunks} chunk(s) ({firstReason}). Nothing was downloaded; query a range inside the available dates (TickCacheClient.GetKnownGapsAsync lists what is not published).", query.ToString());

    public static ArgumentException UnknownSource(string source, IEnumerable<string> known) =>
        BadQuery($"The query names source '{source}', which this client does not have; it has: {string.Join(", ", known)}. Set TickQuery.Source to one of them.");

    public static ArgumentException DataTypeNotServed(string source, string dataType, IEnumerable<string> served) =>
        BadQuery($"Source '{source}' does not serve data type '{dataType}'; it serves: {string.Join(", ", served)}.");

    public static ArgumentException NotTrades(string dataType) =>
        BadQuery($"The query is for '{dataType}'; trade batches need 'trades' or 'liquidations'. Use GetBatchesAsync and the batch's typed view instead.");

    public static ArgumentException IdsNotNumeric(string column, string dataType) =>
        new($"Column '{column}' of this '{dataType}' chunk holds ids that are not all canonical integers: read them with GetTexts(\"{column}\") (TradeBatch.HasNumericIds says which).", nameof(column));

    // The parameter at fault is the caller's query (TickCacheClient's methods), not one of these methods'.
#pragma warning disable CA2208
    private static ArgumentException BadQuery(string message) => new(message, "query");
#pragma warning restore CA2208

    private static string Instant(long micros) =>
        micros >= UnixMicros.From(DateTime.MinValue) / 2 && micros <= UnixMicros.From(DateTime.MaxValue) / 2
            ? UnixMicros.ToDateTime(micros).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)
            : "not a representable instant";
}
