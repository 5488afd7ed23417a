using TickCache.Storage;

namespace TickCache.Fetching;

/// <summary>
/// A response body read under a <see cref="StallGuard"/>: each read must bring its first byte within the allowance, or it
/// fails with the guard's <see cref="IOException"/> (a silence closes the body under the pending read). Read-only,
/// forward-only; disposing it disposes the body, the original content and the guard. Not thread-safe (one reader, as
/// any HTTP body).
/// </summary>
internal sealed class StallGuardStream : ForwardReadStream
{
    private const string NextByte = "next byte of the body";
    private readonly Stream _body;
    private readonly HttpContent _content;
    private readonly StallGuard _guard;
    private readonly CancellationTokenRegistration _abort;
    private CancellationToken _caller;
    private CancellationTokenSource? _linked;

    public StallGuardStream(Stream body, HttpContent content, StallGuard guard)
    {
        _body = body;
        _content = content;
        _guard = guard;
        // A synchronous read cannot take a token: the silence closes the body under it.
        _abort = guard.Token.Register(static b => ((Stream)b!).Dispose(), body);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _guard.Start();
        ValueTask<int> pending;
        try
        {
            pending = _body.ReadAsync(buffer, TokenFor(cancellationToken));
        }
        catch (Exception e)
        {
            _guard.Stop();
            if (StalledFor(cancellationToken))
            {
                throw _guard.Error(NextByte, e);
            }

            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            _guard.Stop();
            return new ValueTask<int>(Checked(pending.Result)); // what the transport had buffered: no allocation
        }

        return AwaitAsync(pending, cancellationToken);
    }

    public override int Read(Span<byte> buffer)
    {
        _guard.Start();
        int read;
        try
        {
            read = _body.Read(buffer);
        }
        catch (Exception e) when (_guard.Stalled)
        {
            throw _guard.Error(NextByte, e);
        }
        finally
        {
            _guard.Stop();
        }

        return Checked(read);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _abort.Dispose();
            _linked?.Dispose();
            _body.Dispose();
            _content.Dispose();
            _guard.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> AwaitAsync(ValueTask<int> pending, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (StalledFor(cancellationToken))
        {
            throw _guard.Error(NextByte, e);
        }
        finally
        {
            _guard.Stop();
        }

        return Checked(read);
    }

    /// <summary>
    /// The token a read passes on: the caller's and the silence's, linked once per caller token (a decoder passes the
    /// same one to every read), so reads do not allocate.
    /// </summary>
    private CancellationToken TokenFor(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return _guard.Token;
        }

        if (_linked is null || cancellationToken != _caller)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _guard.Token);
            _caller = cancellationToken;
        }

        return _linked.Token;
    }

    /// <summary>A body closed by the silence may read as its end: that is the stall, not the end of the file.</summary>
    private int Checked(int read) => _guard.Stalled ? throw _guard.Error(NextByte, null) : read;

    private bool StalledFor(CancellationToken cancellationToken) => _guard.Stalled && !cancellationToken.IsCancellationRequested;
}
