namespace TickCache.Tiers;

/// <summary>
/// A forward-only, read-only view of a response body that also disposes the response owning it (and so returns its
/// connection) when disposed: what <see cref="IRemoteStore.OpenReadAsync"/> implementations over HTTP-based clients
/// return. Reads pass straight through with their cancellation token. Not thread-safe (like any stream).
/// </summary>
/// <param name="body">The body stream; disposed with this stream.</param>
/// <param name="owner">The object owning the body (e.g. an <see cref="HttpResponseMessage"/>); disposed after it.</param>
/// <param name="length">The body length in bytes when known (e.g. Content-Length), else <see langword="null"/>.</param>
internal sealed class OwnedReadStream(Stream body, IDisposable owner, long? length = null) : Stream
{
    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The length was not given.</exception>
    public override long Length => length ?? throw new NotSupportedException("The body length is not known.");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: the stream is forward-only.</exception>
    public override long Position
    {
        get => throw new NotSupportedException("The stream is forward-only.");
        set => throw new NotSupportedException("The stream is forward-only.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => body.Read(buffer, offset, count);

    /// <inheritdoc />
#pragma warning disable RS0027 // the overload set is Stream's, not ours: an override keeps its base's optional parameter
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => body.ReadAsync(buffer, cancellationToken);
#pragma warning restore RS0027

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => body.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream is forward-only.");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
            owner.Dispose();
        }

        base.Dispose(disposing);
    }
}
