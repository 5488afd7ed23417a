namespace TickCache.Tests;

/// <summary>
/// A synchronization context that takes every callback posted or sent to it and never runs one: a UI thread that is
/// busy, or a test runner with no thread free. Work that must not depend on its caller's context still completes.
/// </summary>
internal sealed class NonPumpingContext : SynchronizationContext
{
    private int _callbacks;

    /// <summary>Callbacks handed to this context (none of them ran).</summary>
    public int Callbacks => Volatile.Read(ref _callbacks);

    public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _callbacks);

    public override void Send(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _callbacks);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Calls <paramref name="start"/> with this context current on this thread, then restores the previous one.</summary>
    public T Run<T>(Func<T> start)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            return start();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
