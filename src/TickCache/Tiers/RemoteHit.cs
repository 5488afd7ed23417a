using System.Buffers;
using TickCache.Formats;

namespace TickCache.Tiers;

/// <summary>
/// A verified L3 object: the decoded chunk and the L2 file bytes it was decoded from (in a pooled buffer, returned by
/// <see cref="Dispose"/>), so the tier chain can copy the very same bytes to L2. Not thread-safe; dispose once.
/// </summary>
internal sealed class RemoteHit(ChunkColumns columns, byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ChunkColumns Columns { get; } = columns;

    /// <summary>The verified L2 file (valid until <see cref="Dispose"/>).</summary>
    public ReadOnlyMemory<byte> File => (_buffer ?? throw new ObjectDisposedException(nameof(RemoteHit))).AsMemory(0, length);

    public void Dispose()
    {
        if (_buffer is { } held)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(held);
        }
    }
}
