namespace TickCache.Storage;

/// <summary>
/// The base of the library's forward-only, read-only stream wrappers (a response body under a stall guard, the gzip
/// trailer counter, an L3 object body): everything but the two reads is fixed here — no seeking, no writing, no length
/// unless a wrapper knows one. A wrapper implements <see cref="Read(Span{byte})"/> and
/// <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>; the array overloads call them. Not thread-safe (one reader,
/// as any stream).
/// </summary>
internal abstract class ForwardReadStream : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    /// <exception cref="NotSupportedException">Unless the wrapper knows its length.</exception>
    public override long Length => throw new NotSupportedException("The stream is forward-only: its length is not known.");

    /// <exception cref="NotSupportedException">Setting it always; reading it unless the wrapper counts its bytes.</exception>
    public override long Position
    {
        get => throw new NotSupportedException("The stream is forward-only.");
        set => throw new NotSupportedException("The stream is forward-only.");
    }

    public abstract override int Read(Span<byte> buffer);

#pragma warning disable RS0027 // the overload set is Stream's, not ours: an override keeps its base's optional parameter
    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
#pragma warning restore RS0027

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override void Flush()
    {
    }

    /// <exception cref="NotSupportedException">Always.</exception>
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream is forward-only.");

    /// <exception cref="NotSupportedException">Always.</exception>
    public sealed override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    /// <exception cref="NotSupportedException">Always.</exception>
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");
}
