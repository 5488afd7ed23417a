namespace TickCache.Tiers;

/// <summary>The outcome of <see cref="DiskLock.TryTake"/>.</summary>
internal enum LockState
{
    Taken,
    Busy,
    Unsupported,
}
