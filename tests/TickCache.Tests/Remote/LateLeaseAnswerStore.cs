namespace TickCache.Tests.Remote;

/// <summary>
/// A real store whose lease acquire reaches the server (the marker is created there) but whose answer never comes
/// back before the caller's deadline: what a slow or just-started server looks like from the client. Releases go
/// through and are signalled. Everything else goes straight to the real store.
/// </summary>
internal sealed class LateLeaseAnswerStore(IRemoteStore inner) : IRemoteStore, IRemoteLeaseStore
{
    private readonly TaskCompletionSource<string> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => inner.Name;

    private IRemoteLeaseStore Leases => inner as IRemoteLeaseStore ?? throw new NotSupportedException($"{inner.Name} has no leases.");

    /// <summary>Completes with the lease key once a release has been carried out by the real store.</summary>
    public Task<string> Released => _released.Task;

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutIfAbsentAsync(key, content, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public async Task<bool> TryAcquireLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Leases.TryAcquireLeaseAsync(key, holder, duration, CancellationToken.None);
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken); // the answer is lost: only the deadline ends this
        throw new InvalidOperationException("unreachable");
    }

    public async Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken)
    {
        await Leases.ReleaseLeaseAsync(key, holder, cancellationToken);
        _released.TrySetResult(key);
    }

    public Task<bool> RenewLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
        Leases.RenewLeaseAsync(key, holder, duration, cancellationToken);
}
