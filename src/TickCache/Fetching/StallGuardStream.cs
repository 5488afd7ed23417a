namespace TickCache.Fetching;

/// <summary>
/// A response body read under a <see cref="StallGuard"/>: each read must bring its first byte within the allowance, or it
/// fails with the guard's <see cref="IOException"/>. Read-only, forward-only; disposing it disposes the body, the
/// original content and the guard. Not thread-safe (one reader, as any HTTP body).
/// </summary>
internal sealed class StallGuardStream(Stream body, HttpContent content, StallGuard guard) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, guard.Start());
        try
        {
            return await body.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (guard.Stalled && !cancellationToken.IsCancellationRequested)
        {
            throw guard.Error("next byte of the body", e);
        }
        finally
        {
            guard.Stop();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        // A synchronous read cannot be cancelled: the silence closes the body under it instead.
        using var abort = guard.Start().Register(static b => ((Stream)b!).Dispose(), body);
        try
        {
            return body.Read(buffer);
        }
        catch (Exception e) when (guard.Stalled)
        {
            throw guard.Error("next byte of the body", e);
        }
        finally
        {
            guard.Stop();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
            content.Dispose();
            guard.Dispose();
        }

        base.Dispose(disposing);
    }
}
