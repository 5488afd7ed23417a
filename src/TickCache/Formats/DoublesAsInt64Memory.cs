using System.Buffers;
using System.Runtime.InteropServices;

namespace TickCache.Formats;

/// <summary>
/// A <c>double[]</c> seen as <c>Memory&lt;long&gt;</c> (same element size), so a scaled-int64 decimal column is read
/// straight into the array that then holds its doubles, converted in place by <see cref="DecimalColumn.Decode"/> —
/// no second column-sized buffer. Not thread-safe; one column at a time.
/// </summary>
internal sealed class DoublesAsInt64Memory(double[] values) : MemoryManager<long>
{
    public override Span<long> GetSpan() => MemoryMarshal.Cast<double, long>(values.AsSpan());

    public override MemoryHandle Pin(int elementIndex = 0) =>
        throw new NotSupportedException("DoublesAsInt64Memory is read and written through spans only.");

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
