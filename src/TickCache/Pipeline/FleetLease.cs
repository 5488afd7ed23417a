using System.Globalization;
using Microsoft.Extensions.Logging;
using TickCache.Planning;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Pipeline;

/// <summary>
/// Fleet-wide single flight, used only by the <see cref="TierChain"/> (<see cref="RemoteCacheOptions.UseFleetLease"/>): before a worker downloads a chunk it takes
/// the chunk's lease in L3. A worker that finds the lease taken waits: every poll interval it checks L3 for the object
/// (then reads it) and tries the lease again (an expired lease of a crashed holder is taken over), until
/// <see cref="RemoteCacheOptions.LeaseWait"/> passes. Whenever L3 cannot answer, the worker downloads itself: the lease
/// saves requests, it never blocks a query on a broken L3. Thread-safe.
/// </summary>
internal sealed class FleetLease(RemoteTier tier, CacheCounters counters, TimeProvider time, ILogger logger)
{
    private static readonly string Process = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}");

    /// <summary>
    /// Returns either the chunk (another worker stored it meanwhile) or permission to download it, with the lease holder
    /// id to release afterwards (<see langword="null"/> when no lease is held: L3 could not tell, or the wait ran out).
    /// </summary>
    public async Task<(RemoteHit? Filled, string? Holder)> AcquireOrAwaitAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var options = tier.Options;
        var holder = $"{Process}/{Guid.NewGuid():N}";
        var started = time.GetTimestamp();
        var waited = false;
        while (true)
        {
            switch (await tier.TryAcquireLeaseAsync(key, holder, cancellationToken).ConfigureAwait(false))
            {
                case true:
                    return await AfterAcquireAsync(key, holder, cancellationToken).ConfigureAwait(false);
                case null:
                    // L3 could not tell (a marker it may have created anyway is released by the tier): download ourselves.
                    Log.Lease(logger, key.ToString(), "L3 could not tell; downloading without it");
                    return (null, null);
            }

            if (!waited)
            {
                Log.Lease(logger, key.ToString(), "held by another worker; waiting for its object");
                counters.LeaseWait();
                waited = true;
            }

            if (time.GetElapsedTime(started) >= options.LeaseWait)
            {
                Log.Lease(logger, key.ToString(), "the wait ran out; downloading without it");
                return (null, null);
            }

            await Task.Delay(options.LeasePollInterval, time, cancellationToken).ConfigureAwait(false);
            switch (await tier.ExistsAsync(key, cancellationToken).ConfigureAwait(false))
            {
                case true when await tier.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } filled:
                    Log.Lease(logger, key.ToString(), "another worker stored it");
                    return (filled, null);
                case null:
                    Log.Lease(logger, key.ToString(), "L3 could not tell while waiting; downloading without it");
                    return (null, null);
            }
        }
    }

    /// <summary>
    /// With the lease held: the previous holder may have finished between our L3 miss and this lease, so read L3 once
    /// more. The lease is released on every path but "download now" (then the tier chain releases it after the
    /// download), including a cancellation here.
    /// </summary>
    private async Task<(RemoteHit? Filled, string? Holder)> AfterAcquireAsync(ChunkKey key, string holder, CancellationToken cancellationToken)
    {
        try
        {
            if (await tier.ExistsAsync(key, cancellationToken).ConfigureAwait(false) == true
                && await tier.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                await tier.ReleaseLeaseAsync(key, holder, CancellationToken.None).ConfigureAwait(false);
                Log.Lease(logger, key.ToString(), "taken, and the object was stored meanwhile");
                return (stored, null);
            }
        }
        catch (OperationCanceledException)
        {
            await tier.ReleaseLeaseAsync(key, holder, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        Log.Lease(logger, key.ToString(), "taken; downloading");
        return (null, holder);
    }
}
