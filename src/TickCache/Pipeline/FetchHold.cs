using TickCache.Planning;
using TickCache.Tiers;

namespace TickCache.Pipeline;

/// <summary>
/// What a download holds until its chunk is stored: the chunk's L2 lock (another process waiting for it reads the file
/// once it is released) and, with the fleet lease on, the lease with its heartbeat. Released once, by whoever ends the
/// download: the background store, or the download itself on any other path. Thread-safe.
/// </summary>
internal sealed class FetchHold(IDisposable? diskLock)
{
    private string? _holder;
    private RemoteTier? _remote;
    private CancellationTokenSource? _heartbeat;
    private Task _beating = Task.CompletedTask;
    private int _released;

    /// <summary>Whether the fleet lease is held (L3 is then written at once, for the workers waiting on it).</summary>
    public bool HoldsLease => _holder is not null;

    /// <summary>Holds the fleet lease taken as <paramref name="holder"/> (null: none was taken) and starts its heartbeat.</summary>
    public void Lease(ChunkKey key, string? holder, RemoteTier remote, Func<ChunkKey, string, CancellationToken, Task> heartbeat)
    {
        if (holder is null)
        {
            return;
        }

        (_holder, _remote, _heartbeat) = (holder, remote, new CancellationTokenSource());
        _beating = heartbeat(key, holder, _heartbeat.Token);
    }

    /// <summary>Stops the heartbeat, releases the lease, then the L2 lock; the second and later calls do nothing. Never throws for the lease.</summary>
    public async Task ReleaseAsync(ChunkKey key)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        try
        {
            if (_holder is not null)
            {
                await _heartbeat!.CancelAsync().ConfigureAwait(false);
                await _beating.ConfigureAwait(false);
                await _remote!.ReleaseLeaseAsync(key, _holder, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _heartbeat?.Dispose();
            diskLock?.Dispose();
        }
    }
}
