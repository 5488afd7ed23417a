using System.Globalization;
using System.Net;
using System.Text;
using TickCache.Planning;

namespace TickCache.Diagnostics;

/// <summary>
/// The messages of every failure a caller can see, built in one place (Sylvan / StackExchange.Redis style): what
/// failed, for which chunk, setting or value, why, and what to do. Never an API key or a password; control characters
/// of caller strings are shown escaped. A source's own advice (how its ids are spelled, what its key entitles to)
/// comes in as the <c>hint</c> sentence of the source. Argument errors name the parameter or setting at fault, which
/// may be the caller's rather than these methods' (hence CA2208 is off here).
/// </summary>
internal static class Errors
{
    public static InvalidChunkDataException InvalidFile(ChunkKey key, string file, string what, long line, string? column, Exception? inner, bool final)
    {
        var where = Where(line, column);
        var todo = final
            ? "Nothing of it was cached. Replace the file (e.g. download that day again) or remove it."
            : "Nothing of it was cached; the download is retried, and if the source keeps serving it, report the file to the data vendor.";
        return new InvalidChunkDataException($"The file {file} for {key} is invalid{where}: {what}. {todo}", key.ToString(), line, column, inner)
        {
            Permanent = final,
        };
    }

    /// <summary>A file that matched its published checksum (so it is what the source publishes) but is not valid data: permanent.</summary>
    public static InvalidChunkDataException InvalidVerifiedFile(ChunkKey key, string file, string what, long line, string? column, Exception? inner)
    {
        var where = Where(line, column);
        return new InvalidChunkDataException(
            $"The file {file} for {key} is invalid{where}: {what}. It matches the checksum the source publishes, so downloading it again cannot help: nothing of it was cached and it is not retried. Report the file to the data vendor, or query a range without that file.",
            key.ToString(),
            line,
            column,
            inner)
        {
            Permanent = true,
        };
    }

    /// <summary>A download whose SHA-256 is not the one its published checksum file gives (damaged in transit, or replaced meanwhile): retried.</summary>
    public static InvalidChunkDataException ChecksumMismatch(ChunkKey key, string file, string actual, string published) =>
        new($"The file {file} for {key} has SHA-256 {actual}, but its published checksum is {published}: damaged in transit or replaced while downloading. Nothing of it was cached; the download is retried.", key.ToString());

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
            last is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } connection
                ? $"Could not connect to the source for {key} after {attempts} attempt(s) ({connection.HttpRequestError}: {connection.Message}). Nothing was cached. Check the network (offline? a proxy?) and the source's endpoint setting; the data already cached stays readable."
                : $"Could not get {key} from the source after {attempts} attempt(s); the last one failed with: {last.Message} Nothing was cached. Try again later, lower the source's requests per second or concurrency if it is rate limiting, or raise MaxRetries.",
            key.ToString(),
            attempts,
            last);

    /// <summary>The source does not have an exchange, symbol or data type at all (<paramref name="what"/> says which and what it has).</summary>
    public static DataNotAvailableException NotListed(ChunkKey key, string source, string what) =>
        new($"{source} cannot serve {key}: {what} Nothing was downloaded.", key.ToString());

    /// <summary>Every chunk of the query is a day the source does not publish.</summary>
    public static DataNotAvailableException NothingAvailable(TickQuery query, string source, int chunks, string firstReason) =>
        new($"No data for {source}: {query.Describe()}: the source {source} publishes none of its {chunks} chunk(s) ({firstReason}). Nothing was downloaded; query a range inside the available dates (TickCacheClient.GetKnownGapsAsync lists what is not published).", query.ToString());

    public static ArgumentException UnknownSource(string source, IEnumerable<string> known) =>
        BadQuery($"The query names source '{source}', which this client does not have; it has: {string.Join(", ", known)}. Set TickQuery.Source to one of them.");

    public static ArgumentException DataTypeNotServed(string source, string dataType, IEnumerable<string> served) =>
        BadQuery($"Source '{source}' does not serve data type '{dataType}'; it serves: {string.Join(", ", served)}.");

    public static ArgumentException NotTrades(string dataType) =>
        BadQuery($"The query is for '{dataType}'; trade batches need 'trades', 'liquidations' or 'agg_trades'. Use GetBatchesAsync and the batch's typed view instead.");

    public static ArgumentException WrongTypedCall(string dataType, string method, IEnumerable<string> wanted) =>
        BadQuery($"The query is for '{dataType}'; {method} reads {string.Join(" or ", wanted.Select(w => $"'{w}'"))}. Use the method of that data type, or GetBatchesAsync.");

    public static ArgumentException IdsNotNumeric(string column, string dataType) =>
        new($"Column '{column}' of this '{dataType}' chunk holds ids that are not all canonical integers: read them with GetTexts(\"{column}\") (TradeBatch.HasNumericIds says which).", nameof(column));

#pragma warning disable CA2208 // the parameter at fault is the caller's (named by the caller), not one of these methods'
    public static ArgumentException BadExchange(string exchange, string parameter) =>
        new($"Exchange '{Printable(exchange)}' is not an exchange id: use lower-case letters, digits and '-' only, as the source spells them.", parameter);

    public static ArgumentException BadSourceId(string source, string parameter) =>
        new($"Source '{Printable(source)}' is not a source id: use lower-case letters, digits and '-' only, e.g. '{TickSources.LocalArchive}' (see TickSources).", parameter);

    public static ArgumentException UnknownDataType(string dataType, IEnumerable<string> known, string parameter) =>
        new($"Data type '{Printable(dataType)}' is not a dataset type id: use one of {string.Join(", ", known)} (case-sensitive).", parameter);

    public static ArgumentException BadSymbol(string symbol, string parameter) =>
        new($"Symbol '{Printable(symbol)}' is not a dataset symbol id: use at most 128 letters, digits, '-', '_' or '.', no '..' and no leading '.'; sources write '/' and ':' as '-' (e.g. 'BTCUSDT', 'BTC-PERPETUAL').", parameter);

    public static ArgumentException SymbolCount(int count, string parameter) =>
        new($"A query needs 1 to 64 symbols; {count} were given. Split larger universes into several queries or use a grouped symbol such as PERPETUALS.", parameter);

    public static ArgumentException DuplicateSymbol(string symbol, string parameter) =>
        new($"Symbol '{symbol}' is given twice: list each symbol once.", parameter);

    public static ArgumentOutOfRangeException EmptyRange(DateTime fromUtc, DateTime toUtc, string parameter) =>
        new(parameter, toUtc, $"The range [{Format(fromUtc)}, {Format(toUtc)}) is empty: toUtc must be later than fromUtc (ranges are half-open).");

    public static ArgumentOutOfRangeException RangeTooLong(TickQuery query, TimeSpan maximum, string parameter) =>
        new(parameter, query.Length, string.Create(CultureInfo.InvariantCulture, $"The query {query} spans {query.Length.TotalDays:0.###} days, more than TickCacheOptions.MaxQueryLength ({maximum.TotalDays:0.###} days): split it or raise the option."));

    public static ArgumentOutOfRangeException DefaultInstant(DateTime value, string parameter) =>
        new(parameter, value, $"{parameter} is default(DateTime): pass a real UTC instant, e.g. new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc).");

    public static ArgumentException NotUtc(DateTime value, string parameter) =>
        new($"{parameter} '{value.ToString("O", CultureInfo.InvariantCulture)}' has DateTimeKind.{value.Kind}: TickCache works in UTC only; pass DateTimeKind.Utc (e.g. DateTime.SpecifyKind(value, DateTimeKind.Utc) or value.ToUniversalTime()).", parameter);

    public static ArgumentException Blank(string value, string parameter) =>
        new($"{parameter} is empty or whitespace ('{Printable(value)}'): pass a non-empty id.", parameter);

    public static ArgumentException NoCacheDirectory(string parameter) =>
        new("TickCacheOptions.CacheDirectory is empty or holds a NUL character: set a folder for the disk cache, or set UseDiskCache = false.", parameter);

    public static ArgumentException NoRemoteStore(string setting) =>
        new("TickCacheOptions.RemoteCache.Store is null: set an IRemoteStore (S3, Redis or HTTP backend), or leave RemoteCache null to run without L3.", setting);

    public static ArgumentException NoLeases(string setting, string store) =>
        new($"TickCacheOptions.RemoteCache.UseFleetLease is on, but the store '{store}' has no leases (it is no IRemoteLeaseStore) and RemoteCache.LeaseStore is not set: use the S3 or Redis backend, set LeaseStore, or turn the lease off.", setting);

    public static ArgumentException NoArchiveDirectory(string setting) =>
        new("TickCacheOptions.LocalArchive.Directory is empty or holds a NUL character: set the folder that holds the archive's files.", setting);

    public static ArgumentException MissingArchiveDirectory(string setting, string directory) =>
        new($"TickCacheOptions.LocalArchive.Directory '{Printable(directory)}' does not exist: set the folder that holds the archive's files (e.g. the official clients' ./datasets).", setting);

    public static ArgumentException BadArchivePattern(string setting, string pattern) =>
        new($"TickCacheOptions.LocalArchive.FileNamePattern '{Printable(pattern)}' is not a usable file pattern: it needs {{exchange}}, {{dataType}}, {{symbol}} and {{date}} (or {{yyyy}}, {{MM}} and {{dd}}), no other placeholder, '/' separators, no empty, '.' or '..' segment, not rooted; e.g. '{LocalArchiveOptions.OfficialClientPattern}' or '{LocalArchiveOptions.DatasetsMirrorPattern}'.", setting);

    /// <summary>A numeric or time setting outside its range.</summary>
    public static ArgumentException BadFallThrough(string setting, string value, IEnumerable<string> usable) =>
        new($"{setting} '{Printable(value)}' is not a source this client has that files rows like the archive (by local_timestamp): use one of {string.Join(", ", usable)}, or null for no fall-through.", setting);

    public static ArgumentOutOfRangeException SettingOutOfRange(string setting, object value, string rule) =>
        new(setting, value, $"TickCacheOptions.{setting} is {value}: {rule}.");

    public static ArgumentException NoSuchColumn(string dataType, string name, IEnumerable<string> columns) =>
        new($"Data type '{dataType}' has no column '{Printable(name)}'; it has {string.Join(", ", columns)}.", nameof(name));

    public static ArgumentException WrongColumnKind(string column, string dataType, string kind, IEnumerable<string> wanted) =>
        new($"Column '{column}' of '{dataType}' is {kind}, not {string.Join(" or ", wanted)}: use the matching Get… method.", nameof(column));

    public static ArgumentOutOfRangeException LevelOutOfRange(int level, int depth, string parameter) =>
        new(parameter, level, $"Level {level} is outside this {depth}-level snapshot: use 0..{depth - 1}.");

    public static ArgumentException MixedSymbols(string parameter) =>
        new("The batch mixes symbols (a grouped-symbol file): feed one OrderBook per symbol.", parameter);

    public static ArgumentException BadCanonicalId(string id, string parameter) =>
        new($"'{Printable(id)}' is not a canonical instrument id: use {{BASE}}-{{QUOTE}}-{{SPOT|PERP|FUT-yyyyMMdd|OPT-yyyyMMdd-strike-C|P}}@{{exchange}}, e.g. 'BTC-USDT-PERP@' and the exchange id (Instrument.CanonicalId).", parameter);

    public static ArgumentException UnknownCanonicalId(string id, IReadOnlyList<string> nearest, string parameter) =>
        new($"No instrument has the canonical id '{Printable(id)}'" + (nearest.Count == 0
            ? ": no definitions of that exchange are known (no source could list them; an instruments API may need an API key — TickCacheClient.GetInstrumentsAsync says why)."
            : $"; the nearest known ones are {string.Join(", ", nearest)}."), parameter);

    public static ArgumentException AmbiguousCanonicalId(string id, IEnumerable<string> symbols, string parameter) =>
        new($"The canonical id '{Printable(id)}' names several instruments ({string.Join(", ", symbols)}): query the venue symbol instead (TickCacheClient.GetInstrumentsAsync lists them).", parameter);

    private static ArgumentException BadQuery(string message) => new(message, "query");

    /// <summary>" at line N, column 'c'" for a message about a file, or nothing when the problem has no line.</summary>
    private static string Where(long line, string? column) =>
        line > 0 ? $" at line {line}" + (column is null ? string.Empty : $", column '{column}'") : string.Empty;
#pragma warning restore CA2208

    public static InvalidOperationException WrongView(string dataType, IEnumerable<string> wanted) =>
        new($"This batch holds '{dataType}' rows, not {string.Join(" or ", wanted)}: use the As… view of its own data type.");

    public static ObjectDisposedException ClientDisposed(Exception inner) =>
        new($"The {nameof(TickCacheClient)} was disposed while this query was running ({inner.GetType().Name}): dispose the client only after its queries have finished (or cancel them first).", inner);

    public static InvalidOperationException EmptyBookSide() => new("The book side is empty.");

    private static string Format(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);

    /// <summary>Shows control characters as \uXXXX so an error message never carries them raw.</summary>
    private static string Printable(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Instant(long micros) =>
        micros >= UnixMicros.From(DateTime.MinValue) / 2 && micros <= UnixMicros.From(DateTime.MaxValue) / 2
            ? UnixMicros.ToDateTime(micros).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)
            : "not a representable instant";
}
