namespace TickCache.Formats;

/// <summary>
/// The lifetime of a delivered batch: live until the enumerator that yielded it moves on (or is disposed), then ended
/// for good. A scope may sit inside another (a merged stream's slice of an input's batch): it has ended when either has.
/// Every read of a batch's memory checks it, so a batch read after its lifetime throws instead of showing rows of a
/// later chunk that now occupy the recycled arrays. Thread-safe.
/// </summary>
internal sealed class BatchScope(BatchScope? parent = null)
{
    private volatile bool _ended;

    /// <summary>The scope of batches that own their memory (kept or built outside a stream): never ended.</summary>
    public static BatchScope Unbounded { get; } = new();

    public bool HasEnded => _ended || (parent?.HasEnded ?? false);

    public void End()
    {
        if (ReferenceEquals(this, Unbounded))
        {
            throw new InvalidOperationException("The unbounded batch scope never ends.");
        }

        _ended = true;
    }

    public void ThrowIfEnded()
    {
        if (HasEnded)
        {
            throw new ObjectDisposedException(
                nameof(TickBatch),
                "This batch is no longer valid: a batch lives until the enumerator that yielded it moves to the next batch or is disposed, and its memory is then reused for later rows. To use rows after that, call Keep() on the batch inside the loop (it copies them).");
        }
    }
}
