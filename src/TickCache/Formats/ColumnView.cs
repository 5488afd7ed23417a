using System.Buffers;

namespace TickCache.Formats;

/// <summary>
/// A batch's column as <see cref="ReadOnlyMemory{T}"/> that checks the batch's <see cref="BatchScope"/> on every
/// <c>Span</c> and <c>Pin</c>: memory handed out before the batch's lifetime ended stops working with it, instead of
/// silently showing recycled arrays. Byte codes are viewed as a byte-backed enum through the runtime's array cast.
/// </summary>
internal sealed class ColumnView<T> : MemoryManager<T>
{
    private readonly T[] _array;
    private readonly int _offset;
    private readonly int _length;
    private readonly BatchScope _scope;

    public ColumnView(T[] array, int offset, int length, BatchScope scope)
    {
        _array = array;
        _offset = offset;
        _length = length;
        _scope = scope;
    }

    /// <summary>The view as read-only memory (no allocation: the memory refers to this view).</summary>
    public ReadOnlyMemory<T> ReadOnly => CreateMemory(_length);

    public override Span<T> GetSpan()
    {
        _scope.ThrowIfEnded();
        return _array.AsSpan(_offset, _length);
    }

    /// <summary>Pins the array (value types only, as for any array-backed memory).</summary>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        _scope.ThrowIfEnded();
        return _array.AsMemory(_offset, _length)[elementIndex..].Pin();
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
