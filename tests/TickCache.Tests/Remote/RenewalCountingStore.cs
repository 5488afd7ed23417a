namespace TickCache.Tests.Remote;

/// <summary>A real lease store whose renewals are counted and signalled (each renewal completes the next waiter); everything goes to the real store.</summary>
internal sealed class RenewalCountingStore(IRemoteStore inner) : IRemoteStore, IRemoteLeaseStore
{
    private readonly IRemoteLeaseStore _leases = (IRemoteLeaseStore)inner;
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _renewals;
    private int _successes;

    public string Name => inner.Name;

    public int Successes => Volatile.Read(ref _successes);

    public int Renewals
    {
        get
        {
            lock (_gate)
            {
                return _renewals;
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> renewals have been answered.</summary>
    public Task RenewalsAsync(int count)
    {
        lock (_gate)
        {
            if (_renewals >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        _leases.TryAcquireLeaseAsync(key, holder, duration, cancellationToken);

    public async Task<bool> RenewLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var renewed = await _leases.RenewLeaseAsync(key, holder, duration, cancellationToken);
        if (renewed)
        {
            Interlocked.Increment(ref _successes);
        }

        lock (_gate)
        {
            _renewals++;
            foreach (var waiter in _waiters.Where(w => _renewals >= w.Count).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return renewed;
    }

    public Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken) => _leases.ReleaseLeaseAsync(key, holder, cancellationToken);
}
