namespace TickCache.Formats;

/// <summary>
/// The pooled arrays of one decoded chunk and who still uses them: a reference count that starts at 1 (the reader
/// that rented them). Every holder — the L1 entry, each stream delivering the chunk, a single flight's waiters — owns
/// one reference and releases it once; the last release gives the arrays back to <see cref="ColumnPool"/>. A
/// reference is only ever taken from a live count (<see cref="TryAcquire"/>), so arrays already given back are never
/// handed out again. A reference that is never released only costs the pool that chunk's arrays (the GC collects
/// them), never correctness. Thread-safe.
/// </summary>
internal sealed class ColumnRental
{
    private readonly List<Array> _arrays = [];
    private readonly Lock _rentLock = new();
    private int _references = 1;

    /// <summary>Whether the arrays have gone back to the pool.</summary>
    public bool IsReturned => Volatile.Read(ref _references) <= 0;

    /// <summary>Rents an array of at least <paramref name="length"/> elements and records it (thread-safe: parallel column readers rent at once).</summary>
    public T[] Rent<T>(int length)
    {
        var array = ColumnPool.Rent<T>(length);
        lock (_rentLock)
        {
            _arrays.Add(array);
        }

        return array;
    }

    /// <summary>
    /// Swaps <paramref name="old"/> (rented here, seen by nobody else yet: a builder growing a column) for an array of at
    /// least <paramref name="length"/> elements holding its first <paramref name="keep"/> values; the old one goes back
    /// (or is kept, when it is long enough already).
    /// </summary>
    public T[] Regrow<T>(T[] old, int length, int keep)
    {
        if (old.Length >= length)
        {
            return old; // the pool's size classes already left room
        }

        var grown = Rent<T>(length);
        old.AsSpan(0, keep).CopyTo(grown);
        Forget(old);
        return grown;
    }

    /// <summary>Gives back an array rented here that the chunk no longer uses (seen by nobody else).</summary>
    public void Forget(Array array)
    {
        lock (_rentLock)
        {
            _arrays.Remove(array);
        }

        ColumnPool.Return(array);
    }

    /// <summary>Takes one more reference if the arrays are still live; false once they have gone back.</summary>
    public bool TryAcquire()
    {
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    /// <summary>Adds <paramref name="count"/> references to the one the caller holds (a single flight's other waiters).</summary>
    public void AddReferences(int count)
    {
        if (Interlocked.Add(ref _references, count) <= count)
        {
            throw new InvalidOperationException("References were added to a pooled chunk nobody held.");
        }
    }

    /// <summary>Drops one reference; the last one gives every array back to the pool.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            foreach (var array in _arrays)
            {
                ColumnPool.Return(array);
            }

            _arrays.Clear();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A pooled chunk was released more often than it was acquired.");
        }
    }
}
