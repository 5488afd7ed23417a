namespace TickCache.Emulator;

/// <summary>A misbehaviour the emulator applies to the next dataset request (queued with <see cref="TardisEmulator.EnqueueFault"/>).</summary>
public sealed record EmulatorFault
{
    private EmulatorFault(string kind, int statusCode, int? retryAfterSeconds)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>The fault's name: <c>status</c>, <c>truncated</c>, <c>not-gzip</c>, <c>abort</c> or <c>stall</c>.</summary>
    public string Kind { get; }

    /// <summary>The status answered by a <c>status</c> fault.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>Retry-After</c> seconds sent with a <c>status</c> fault, or null for none.</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>Answers with <paramref name="statusCode"/> (and <c>Retry-After</c> when given) instead of the data.</summary>
    /// <param name="statusCode">HTTP status, e.g. 429 or 503.</param>
    /// <param name="retryAfterSeconds">Optional <c>Retry-After</c> delta in seconds.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Status(int statusCode, int? retryAfterSeconds = null) => new("status", statusCode, retryAfterSeconds);

    /// <summary>Serves 200 with the first half of the file and a matching Content-Length (a truncated file).</summary>
    public static EmulatorFault TruncatedBody { get; } = new("truncated", 200, null);

    /// <summary>Serves 200 with an HTML error page instead of gzip (a misbehaving proxy).</summary>
    public static EmulatorFault NotGzip { get; } = new("not-gzip", 200, null);

    /// <summary>Announces the full Content-Length, sends half the body, then drops the connection.</summary>
    public static EmulatorFault AbortMidBody { get; } = new("abort", 200, null);

    /// <summary>
    /// Announces the full Content-Length, sends half the body, then goes silent, the connection kept open, until the
    /// client gives up (closes it) or the emulator stops: a stalled download.
    /// </summary>
    public static EmulatorFault StallMidBody { get; } = new("stall", 200, null);
}
