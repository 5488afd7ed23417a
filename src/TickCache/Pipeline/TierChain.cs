using TickCache.Fetching;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Sources;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Pipeline;

/// <summary>
/// The one owner of the tier order, promotion and write-back: L1 memory → (single flight per key) L1 again → L2 disk →
/// L3 remote → the source. A hit is promoted to the tiers above it (L3 → L2 → L1, the same verified bytes); a fetched
/// closed chunk goes to L1 at once and is written to L2 (and L3) behind the caller by <see cref="WriteBehind"/>: its
/// result's <see cref="ChunkResult.Stored"/> completes when the file is down, and the fleet lease and the L2 lock are
/// held until then (L3 is written at once under the lease, so that waiting workers find it, or else queued). Open
/// chunks are served but never stored. Before a download the source says whether it has the chunk (a gap is returned,
/// never cached) and, with the fleet lease on, the lease is taken or another worker's result awaited; the chain
/// releases it. Processes sharing one L2 folder share a download too: before fetching a closed chunk the chain takes its
/// <see cref="DiskLock"/> (or waits for the holder's file). The tiers know none of this nor each other. Thread-safe.
/// </summary>
internal sealed class TierChain(MemoryTier memory, DiskTier? disk, DiskLock? diskLock, RemoteTier? remote, RemoteWriteBack? writeBack, FleetLease? lease, WriteBehind behind, CacheCounters counters, TimeProvider time, TimeSpan maxLockWait)
{
    /// <summary>How often a process waiting for another process's download of the same chunk looks for its L2 file.</summary>
    public static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly SingleFlight<ChunkKey, ChunkResult> _flights = new();

    public SingleFlight<ChunkKey, ChunkResult> Flights => _flights;

    /// <summary>Whether L1 or L2 holds the chunk now (for a source planning a grid whose cells overlap); no read, no counter.</summary>
    public bool IsStored(ChunkKey key) => StateOf(key) != ChunkState.ToFetch;

    /// <summary>Where the chunk is now: L1, L2 or neither (L3 is not probed); no read, no counter.</summary>
    public ChunkState StateOf(ChunkKey key) =>
        memory.Contains(key) ? ChunkState.InMemory : disk?.Exists(key) == true ? ChunkState.OnDisk : ChunkState.ToFetch;

    /// <summary>
    /// The chunk's columns, from the first tier that has them or the source. The caller owns one reference to them
    /// (<see cref="ChunkColumns.Release"/> when done; L1 holds its own): a single flight hands each waiter its own.
    /// </summary>
    public Task<ChunkResult> LoadAsync(ChunkSource source, ChunkKey key, CancellationToken cancellationToken)
    {
        if (memory.TryGet(key) is { } hit)
        {
            counters.MemoryLookup(hit: true);
            return Task.FromResult(new ChunkResult(hit, null));
        }

        counters.MemoryLookup(hit: false);
        return _flights.RunAsync(key, (k, ct) => LoadMissAsync(source, k, ct), cancellationToken, static (result, waiters) => result.Columns.Share(waiters));
    }

    private async Task<ChunkResult> LoadMissAsync(ChunkSource source, ChunkKey key, CancellationToken cancellationToken)
    {
        using var span = Spans.Chunk(key.Source, key.ToString());
        if (memory.TryGet(key) is { } filledMeanwhile)
        {
            span?.SetTag(TickCacheTelemetry.TierTag, "memory");
            return new ChunkResult(filledMeanwhile, null);
        }

        if (behind.PendingFor(key) is { } writing)
        {
            // Fetched here a moment ago and still being written (L1 could not keep it): read it once it is down.
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var final = await source.Source.IsFinalAsync(key, cancellationToken).ConfigureAwait(false);
        if (final && await ReadStoredAsync(key, span, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return new ChunkResult(stored, null);
        }

        var availability = await source.Source.CheckAvailabilityAsync(key, cancellationToken).ConfigureAwait(false);
        if (!availability.Available)
        {
            counters.UnavailableChunk();
            span?.SetTag(TickCacheTelemetry.TierTag, "none");
            return new ChunkResult(ChunkColumns.Empty(DatasetSchemas.For(key.DataType)), availability.Reason);
        }

        if (availability.Incidents > 0)
        {
            counters.KnownGapChunk();
        }

        var (local, waitedFor) = final ? await TakeDiskLockAsync(key, cancellationToken).ConfigureAwait(false) : (null, null);
        if (waitedFor is not null)
        {
            span?.SetTag(TickCacheTelemetry.TierTag, "disk");
            return new ChunkResult(waitedFor, null);
        }

        return await FetchAsync(source, key, final, span, local, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The download itself: with the fleet lease on, take it (or get the object another worker stored meanwhile), fetch
    /// through the source's pipeline, put a closed chunk in L1 and hand its store to <see cref="WriteBehind"/>, which
    /// releases the lease and the L2 lock (<paramref name="diskLock"/>, owned from here on) once the file is down; every
    /// other path releases them here.
    /// </summary>
    private async Task<ChunkResult> FetchAsync(ChunkSource source, ChunkKey key, bool final, System.Diagnostics.Activity? span, IDisposable? diskLock, CancellationToken cancellationToken)
    {
        var hold = new FetchHold(diskLock);
        try
        {
            if (final && lease is not null)
            {
                var (filled, held) = await lease.AcquireOrAwaitAsync(key, cancellationToken).ConfigureAwait(false);
                if (filled is not null)
                {
                    span?.SetTag(TickCacheTelemetry.TierTag, "remote");
                    return new ChunkResult(await PromoteAsync(key, filled, cancellationToken).ConfigureAwait(false), null);
                }

                hold.Lease(key, held, remote!, HeartbeatAsync);
            }

            counters.SourceFetch(key.Source);
            span?.SetTag(TickCacheTelemetry.TierTag, "source").SetTag("tickcache.final", final);
            ChunkColumns fetched;
            try
            {
                fetched = await source.Fetch.FetchAsync(key, source.Source.FetchAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (ChunkNotPublishedException gap)
            {
                counters.UnpublishedOnFetch();
                span?.SetTag(TickCacheTelemetry.TierTag, "none");
                return new ChunkResult(ChunkColumns.Empty(DatasetSchemas.For(key.DataType)), gap.Message);
            }

            if (!final)
            {
                return new ChunkResult(fetched, null);
            }

            memory.Set(key, fetched);
            var stored = await StoreBehindAsync(key, fetched, hold, cancellationToken).ConfigureAwait(false);
            hold = null;
            return new ChunkResult(fetched, null) { Stored = stored };
        }
        finally
        {
            if (hold is not null)
            {
                await hold.ReleaseAsync(key).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Starts the L2/L3 write of <paramref name="fetched"/> behind the caller with its own reference to the columns;
    /// the write releases that reference and <paramref name="hold"/>. When the start is cancelled (waiting for room) the
    /// reference goes back here and the caller still owns <paramref name="hold"/>.
    /// </summary>
    private async Task<Task> StoreBehindAsync(ChunkKey key, ChunkColumns fetched, FetchHold hold, CancellationToken cancellationToken)
    {
        fetched.Share(2);
        try
        {
            return await behind.StartAsync(
                key,
                fetched.SizeInBytes,
                async token =>
                {
                    try
                    {
                        await StoreAsync(key, fetched, hold.HoldsLease, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        fetched.Release();
                        await hold.ReleaseAsync(key).ConfigureAwait(false);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            fetched.Release();
            throw;
        }
    }

    /// <summary>
    /// The lease holder's heartbeat while it downloads: every third of <see cref="RemoteCacheOptions.LeaseDuration"/>
    /// (on the client's clock) the lease is renewed, so a slow download keeps it and a crashed holder's lease expires
    /// within one duration. Stops when the download ends or a renewal says the lease is no longer ours; never throws.
    /// </summary>
    private async Task HeartbeatAsync(ChunkKey key, string holder, CancellationToken stop)
    {
        var interval = remote!.Options.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, stop).ConfigureAwait(false);
                if (!await remote.RenewLeaseAsync(key, holder, stop).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Cross-process single flight on L2: takes the chunk's lock file, or waits (polling on the client's clock) while
    /// another process holds it, then reads the file that process wrote. Returns the held lock (release after storing),
    /// or the chunk another process stored meanwhile, or neither (no L2, a folder without locks, or the wait ran out:
    /// then download without the lock). With the lock taken, the file is looked for once more and dead writers'
    /// temp files are removed.
    /// </summary>
    private async Task<(IDisposable? Held, ChunkColumns? Stored)> TakeDiskLockAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        if (disk is null || diskLock is null)
        {
            return (null, null);
        }

        var started = time.GetTimestamp();
        while (true)
        {
            var (state, held) = diskLock.TryTake(key);
            if (state == LockState.Taken)
            {
                try
                {
                    if (disk.Exists(key) && await disk.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } meanwhile)
                    {
                        held!.Dispose();
                        memory.Set(key, meanwhile);
                        return (null, meanwhile);
                    }
                }
                catch
                {
                    held!.Dispose();
                    throw;
                }

                disk.RemoveStaleTemps(key);
                return (held, null);
            }

            if (state == LockState.Unsupported || time.GetElapsedTime(started) >= maxLockWait)
            {
                return (null, null);
            }

            await Task.Delay(LockPollInterval, time, cancellationToken).ConfigureAwait(false);
            if (disk.Exists(key) && await disk.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                memory.Set(key, stored);
                return (null, stored);
            }
        }
    }

    /// <summary>L2, then L3 (whose hit is copied to L2); either hit goes to L1.</summary>
    private async Task<ChunkColumns?> ReadStoredAsync(ChunkKey key, System.Diagnostics.Activity? span, CancellationToken cancellationToken)
    {
        if (disk is not null && await disk.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            memory.Set(key, stored);
            span?.SetTag(TickCacheTelemetry.TierTag, "disk");
            return stored;
        }

        if (remote is not null && await remote.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } shared)
        {
            span?.SetTag(TickCacheTelemetry.TierTag, "remote");
            return await PromoteAsync(key, shared, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Copies a verified L3 object to L2 (its very bytes) and L1, and gives up its buffer.</summary>
    private async Task<ChunkColumns> PromoteAsync(ChunkKey key, RemoteHit hit, CancellationToken cancellationToken)
    {
        using (hit)
        {
            if (disk is not null)
            {
                await disk.WriteBytesAsync(key, hit.File, cancellationToken).ConfigureAwait(false);
            }

            memory.Set(key, hit.Columns);
            return hit.Columns;
        }
    }

    /// <summary>Writes a fetched closed chunk to L2 and L3; with L3 the file is encoded once for both.</summary>
    private async Task StoreAsync(ChunkKey key, ChunkColumns fetched, bool holdsLease, CancellationToken cancellationToken)
    {
        if (remote is null || writeBack is null)
        {
            if (disk is not null)
            {
                await disk.WriteAsync(key, fetched, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var envelope = await RemoteEnvelope.EncodeAsync(key, fetched, cancellationToken).ConfigureAwait(false);
        var queued = false;
        try
        {
            if (disk is not null)
            {
                await disk.WriteBytesAsync(key, RemoteEnvelope.Content(envelope), cancellationToken).ConfigureAwait(false);
            }

            if (holdsLease)
            {
                await remote.PutAsync(key, envelope.Memory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                writeBack.Enqueue(key, envelope);
                queued = true;
            }
        }
        finally
        {
            if (!queued)
            {
                envelope.Dispose();
            }
        }
    }
}
