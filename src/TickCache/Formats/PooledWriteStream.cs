namespace TickCache.Formats;

/// <summary>
/// A write-only, seekable stream into a buffer rented from <see cref="ColumnPool"/>, with
/// <c>reserve</c> bytes kept free at the front: positions and length count from after them (a Parquet writer records
/// absolute offsets, so the file must start at position 0 while an L3 envelope header goes before it). Grows by renting a
/// larger buffer. <see cref="Detach"/> hands the buffer to a <see cref="PooledBytes"/>. Not thread-safe.
/// </summary>
internal sealed class PooledWriteStream(int reserve, int initialCapacity = 1 << 20) : Stream
{
    private byte[]? _buffer = ColumnPool.Rent<byte>(reserve + initialCapacity);
    private int _length;
    private int _position;

    public override bool CanRead => false;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = (int)Math.Clamp(value, 0, _length);
    }

    /// <summary>The buffer including the reserved front, for the caller to fill it.</summary>
    public Span<byte> Reserved => Live.AsSpan(0, reserve);

    /// <summary>The bytes written so far (after the reserved front).</summary>
    public ReadOnlySpan<byte> Written => Live.AsSpan(reserve, _length);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var end = (long)_position + buffer.Length;
        if (reserve + end > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"An encoded chunk exceeds {Array.MaxLength - reserve:N0} bytes, the most one in-memory buffer holds; such a chunk cannot be cached (report the exchange, symbol and day).");
        }

        if (reserve + end > Live.Length)
        {
            var grown = ColumnPool.Rent<byte>((int)Math.Max(reserve + end, Math.Min(Array.MaxLength, 2L * Live.Length)));
            Live.AsSpan(0, reserve + _length).CopyTo(grown);
            ColumnPool.Return(Live);
            _buffer = grown;
        }

        buffer.CopyTo(Live.AsSpan(reserve + _position));
        _position = (int)end;
        _length = Math.Max(_length, _position);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    /// <summary>Transfers the buffer (reserved front + content) to a <see cref="PooledBytes"/>; the stream is then empty.</summary>
    public PooledBytes Detach()
    {
        var envelope = new PooledBytes(Live, reserve + _length);
        _buffer = null;
        return envelope;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is { } rented)
        {
            _buffer = null;
            ColumnPool.Return(rented);
        }

        base.Dispose(disposing);
    }

    private byte[] Live => _buffer ?? throw new ObjectDisposedException(nameof(PooledWriteStream));
}
