using Microsoft.Extensions.Logging;

namespace TickCache.Telemetry;

/// <summary>All log messages of the library, source-generated. None of them ever carries an API key.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Fetching {Chunk} from {Url}")]
    public static partial void Fetching(ILogger logger, string chunk, string url);

    [LoggerMessage(2, LogLevel.Warning, "Attempt {Attempt} for {Chunk} failed ({Reason}); retrying in {DelaySeconds:0.###} s")]
    public static partial void Retrying(ILogger logger, int attempt, string chunk, string reason, double delaySeconds);

    [LoggerMessage(3, LogLevel.Warning, "L2 file {Path} for {Chunk} failed verification ({Problem}); moved aside to {Quarantine} and treated as a miss")]
    public static partial void DiskCorrupt(ILogger logger, string path, string chunk, string problem, string quarantine);

    [LoggerMessage(4, LogLevel.Warning, "L2 {Operation} of {Chunk} failed; treated as a miss")]
    public static partial void DiskError(ILogger logger, Exception exception, string operation, string chunk);

    [LoggerMessage(5, LogLevel.Information, "{Chunk} is not final yet (final after {FinalAfter:u}); served but not written to disk")]
    public static partial void OpenChunk(ILogger logger, string chunk, DateTime finalAfter);

    [LoggerMessage(6, LogLevel.Warning, "Exchange metadata for {Exchange} could not be read ({Reason}); deciding finality by the settle delay")]
    public static partial void MetadataUnavailable(ILogger logger, string exchange, string reason);

    [LoggerMessage(7, LogLevel.Information, "Source answered 429 for {Chunk}; pausing all requests for {PauseSeconds:0.###} s")]
    public static partial void RateLimited(ILogger logger, string chunk, double pauseSeconds);

    [LoggerMessage(8, LogLevel.Debug, "L3 {Operation} of {Chunk} failed on {Store} ({Reason}); treated as a miss")]
    public static partial void RemoteError(ILogger logger, string operation, string chunk, string store, string reason);

    [LoggerMessage(9, LogLevel.Warning, "L3 object {ObjectKey} of {Chunk} on {Store} failed verification ({Problem}); treated as a miss, not copied to L2, and deleted from L3 so that the next download stores a good one")]
    public static partial void RemoteRejected(ILogger logger, string objectKey, string chunk, string store, string problem);

    [LoggerMessage(10, LogLevel.Warning, "L3 circuit breaker for {Store} opened after repeated failures; L3 is skipped for {BreakSeconds:0.###} s")]
    public static partial void BreakerOpened(ILogger logger, string store, double breakSeconds);

    [LoggerMessage(11, LogLevel.Information, "L3 circuit breaker for {Store} half-open: one probe goes through")]
    public static partial void BreakerHalfOpened(ILogger logger, string store);

    [LoggerMessage(12, LogLevel.Information, "L3 circuit breaker for {Store} closed: L3 is used again")]
    public static partial void BreakerClosed(ILogger logger, string store);

    [LoggerMessage(13, LogLevel.Information, "Fetched {Chunk}: {Rows} rows ({DecodedBytes} bytes decoded) in {Seconds:0.###} s, {Attempts} attempt(s)")]
    public static partial void Fetched(ILogger logger, string chunk, int rows, long decodedBytes, double seconds, int attempts);

    [LoggerMessage(14, LogLevel.Debug, "Fleet lease of {Chunk}: {Outcome}")]
    public static partial void Lease(ILogger logger, string chunk, string outcome);

    [LoggerMessage(15, LogLevel.Warning, "Metadata document {Document} could not be refreshed ({Reason}); using the copy read at {ReadAt:O}")]
    public static partial void StaleDocument(ILogger logger, string document, string reason, DateTimeOffset readAt);

    [LoggerMessage(16, LogLevel.Warning, "Metadata document {Path}: {Problem}")]
    public static partial void DocumentProblem(ILogger logger, string path, string problem);
}
