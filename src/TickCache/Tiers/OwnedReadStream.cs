using TickCache.Storage;

namespace TickCache.Tiers;

/// <summary>
/// A forward-only, read-only view of a response body that also disposes the response owning it (and so returns its
/// connection) when disposed: what <see cref="IRemoteStore.OpenReadAsync"/> implementations over HTTP-based clients
/// return. Reads pass straight through with their cancellation token. Not thread-safe (like any stream).
/// </summary>
/// <param name="body">The body stream; disposed with this stream.</param>
/// <param name="owner">The object owning the body (e.g. an <see cref="HttpResponseMessage"/>); disposed after it.</param>
/// <param name="length">The body length in bytes when known (e.g. Content-Length), else <see langword="null"/>.</param>
internal sealed class OwnedReadStream(Stream body, IDisposable owner, long? length = null) : ForwardReadStream
{
    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The length was not given.</exception>
    public override long Length => length ?? throw new NotSupportedException("The body length is not known.");

    /// <inheritdoc />
    public override int Read(Span<byte> buffer) => body.Read(buffer);

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => body.ReadAsync(buffer, cancellationToken);

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
