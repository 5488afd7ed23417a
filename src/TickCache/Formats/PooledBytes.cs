using System.Buffers;

namespace TickCache.Formats;

/// <summary>
/// Bytes (an encoded L2 file, an L3 envelope) in a buffer rented from <see cref="ColumnPool"/>: a busy day is ~20 MB,
/// and a fresh array per chunk costs more in page faults than the encoding copies (and <see cref="ArrayPool{T}.Shared"/>
/// kept every size its doubling passed through, per thread). One owner at a time: whoever
/// holds it last disposes it, which returns the buffer. Not thread-safe.
/// </summary>
internal sealed class PooledBytes(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Memory => Live.AsMemory(0, length);

    public int Length => length;

    private byte[] Live => _buffer ?? throw new ObjectDisposedException(nameof(PooledBytes));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } rented)
        {
            ColumnPool.Return(rented);
        }
    }
}
