using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TickCache.Compare;

/// <summary>
/// The contender's <c>log=1</c>: every TickCache log line (Debug and up) to stderr with the seconds since the process
/// started, e.g. when each chunk's download began and ended — the timeline of a prefetch window. Thread-safe.
/// </summary>
internal sealed class TimelineLoggerFactory : ILoggerFactory
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public ILogger CreateLogger(string categoryName) => new Timeline();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Timeline : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{Clock.Elapsed.TotalSeconds,7:F2} {formatter(state, exception)}");
    }
}
