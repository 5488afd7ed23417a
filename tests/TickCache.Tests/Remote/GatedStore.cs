namespace TickCache.Tests.Remote;

/// <summary>
/// A real store whose writes wait on a gate: the test decides when a background write may proceed, and can await the
/// moment a write has started. Everything else goes straight to the real store.
/// </summary>
internal sealed class GatedStore(IRemoteStore inner) : IRemoteStore, IRemoteLeaseStore
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => inner.Name;

    private IRemoteLeaseStore Leases => inner as IRemoteLeaseStore ?? throw new NotSupportedException($"{inner.Name} has no leases.");

    /// <summary>Completes when the first write is waiting at the gate.</summary>
    public Task FirstWriteWaiting => _entered.Task;

    public void Open() => _open.TrySetResult();

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return await inner.PutIfAbsentAsync(key, content, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        Leases.TryAcquireLeaseAsync(key, holder, duration, cancellationToken);

    public Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken) => Leases.ReleaseLeaseAsync(key, holder, cancellationToken);

    public Task<bool> RenewLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        Leases.RenewLeaseAsync(key, holder, duration, cancellationToken);
}
