using TickCache.Pipeline;
using TickCache.Planning;
using TickCache.Tiers;

namespace TickCache;

/// <summary>Cache management: plan without downloading, prefetch with progress, list, verify and purge the L2 files.</summary>
public sealed partial class TickCacheClient
{
    /// <summary>
    /// What <paramref name="queries"/> would read, chunk by chunk on each source's grid, and where each chunk would come
    /// from now (L1, L2, or the source), with an estimated L2 size for each chunk to fetch. Sends no request and reads
    /// no file (only directory entries: whether files exist, and their sizes for the estimate).
    /// </summary>
    /// <param name="queries">The queries (e.g. symbols × data types over one range).</param>
    /// <returns>The plan; a chunk shared by two queries is listed once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="queries"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">A query names a source this client does not have, or a data type its source does not serve.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public CachePlan Plan(IEnumerable<TickQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var seen = new HashSet<ChunkKey>();
        var chunks = new List<PlannedChunk>();
        var sizes = _disk is null ? null : new DiskSizeEstimate(_disk.Root);
        foreach (var query in queries)
        {
            foreach (var key in SourceOf(query).Source.Plan(query, _chain.IsStored))
            {
                if (seen.Add(key))
                {
                    var state = _chain.StateOf(key);
                    chunks.Add(new PlannedChunk(key.Source, key.Exchange, key.DataType, key.Symbol, key.StartUtc, key.EndUtc, state, state == ChunkState.ToFetch ? sizes?.For(key) : null));
                }
            }
        }

        return new CachePlan(chunks);
    }

    /// <summary>
    /// Loads every chunk of <paramref name="queries"/> into the cache (one query after another; inside a query the
    /// prefetch window loads chunks in parallel within the sources' limits) and returns only a summary. Resumable: what
    /// a previous run stored is read from L2, so a second run fetches only what is missing. A query the source has no
    /// data for at all (<see cref="DataNotAvailableException"/>) counts as gaps and the prefetch goes on.
    /// </summary>
    /// <param name="queries">The queries.</param>
    /// <param name="progress">Optional: receives a report after each batch (at most once per grid cell) and at the end.</param>
    /// <param name="cancellationToken">Stops the prefetch; what was stored stays stored, nothing partial is visible.</param>
    /// <returns>The final report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="queries"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">A query is invalid for this client (as for <see cref="GetBatchesAsync"/>).</exception>
    /// <exception cref="TickCacheException">A source failed (as for <see cref="GetBatchesAsync"/>, except <see cref="DataNotAvailableException"/>).</exception>
    public async Task<PrefetchReport> PrefetchAsync(IEnumerable<TickQuery> queries, IProgress<PrefetchReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var list = queries.ToList();
        var tracker = new ProgressTracker(_counters, _options.TimeProvider, Plan(list).Chunks.Count);
        foreach (var query in list)
        {
            var described = query.Describe();
            var gapsAtStart = _counters.Snapshot().UnavailableChunks;
            progress?.Report(tracker.Report(described));
            try
            {
                await foreach (var batch in GetBatchesAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    tracker.AddRows(batch.Count);
                    progress?.Report(tracker.Report(described));
                }
            }
            catch (DataNotAvailableException) when (_counters.Snapshot().UnavailableChunks == gapsAtStart)
            {
                tracker.AddUnpublished(Plan([query]).Chunks.Count); // refused before any chunk (the source lacks the symbol or type)
            }
            catch (DataNotAvailableException)
            {
                // every chunk of the query was a gap: already counted
            }
        }

        var final = tracker.Report(null);
        progress?.Report(final);
        return final;
    }

    /// <summary>Every chunk file in the L2 cache, in path order (empty without <see cref="TickCacheOptions.UseDiskCache"/>). Reads directory entries only.</summary>
    /// <returns>The cached chunks.</returns>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public IReadOnlyList<CachedChunk> GetCachedChunks()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _disk is null ? [] : [.. DiskChunks().Select(c => Describe(c.Key, c.File)).OrderBy(c => c.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reads and verifies every chunk file in L2 (footer key, row count, content hash), moving the bad ones aside as a
    /// read does (they are fetched again by the next query that needs them).
    /// </summary>
    /// <param name="cancellationToken">Stops verifying.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public async Task<CacheVerifyReport> VerifyCacheAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_disk is null)
        {
            return new CacheVerifyReport(0, 0, []);
        }

        var (checkedFiles, valid, bad) = (0, 0, new List<string>());
        foreach (var (key, file) in DiskChunks().ToList())
        {
            checkedFiles++;
            if (await _disk.TryReadAsync(key, cancellationToken).ConfigureAwait(false) is { } columns)
            {
                columns.Release(); // a verify pass reads every file once: its arrays serve the next file
                valid++;
            }
            else if (!File.Exists(file.FullName))
            {
                bad.Add(file.FullName);
            }
        }

        return new CacheVerifyReport(checkedFiles, valid, bad);
    }

    /// <summary>
    /// Removes the L2 files <paramref name="filter"/> selects (or lists them, on a dry run). A chunk another process is
    /// writing (its lock held) is left alone and counted in <see cref="CachePurgeResult.Skipped"/>; temp files of live
    /// writers are never touched. L1 keeps what it holds until it evicts it.
    /// </summary>
    /// <param name="filter">Which files.</param>
    /// <returns>What was (or would be) removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CachePurgeFilter.OlderThan"/> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public CachePurgeResult PurgeCache(CachePurgeFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (filter.OlderThan is { } age && age <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(filter), age, "CachePurgeFilter.OlderThan must be positive, or null for any age.");
        }

        if (_disk is null)
        {
            return new CachePurgeResult([], 0, 0);
        }

        var (files, bytes, skipped) = (new List<string>(), 0L, 0);
        var now = _options.TimeProvider.GetUtcNow().UtcDateTime;
        foreach (var (key, file) in filter.Chunks ? DiskChunks().Where(c => Matches(filter, c.Key, c.File, now)).ToList() : [])
        {
            var (state, held) = _diskLock!.TryTake(key);
            using (held)
            {
                if (state == LockState.Busy)
                {
                    skipped++;
                    continue;
                }

                bytes += Remove(file, filter.DryRun);
            }

            files.Add(file.FullName);
        }

        foreach (var file in filter.Quarantined ? DiskCatalog.Quarantined(_disk.Root).ToList() : [])
        {
            bytes += Remove(file, filter.DryRun);
            files.Add(file.FullName);
        }

        return new CachePurgeResult(files, bytes, skipped);
    }

    /// <summary>Deletes the file unless this is a dry run; returns its size.</summary>
    private static long Remove(FileInfo file, bool dryRun)
    {
        var length = file.Length;
        if (!dryRun)
        {
            file.Delete();
        }

        return length;
    }

    private IEnumerable<(ChunkKey Key, FileInfo File)> DiskChunks() =>
        DiskCatalog.Chunks(_disk!.Root, folder => _ownedSources.FirstOrDefault(s => string.Equals(s.CacheFolder, folder, StringComparison.Ordinal))?.Id);

    private static bool Matches(CachePurgeFilter filter, ChunkKey key, FileInfo file, DateTime nowUtc) =>
        (filter.Source is null || filter.Source == key.Source)
        && (filter.Exchange is null || filter.Exchange == key.Exchange)
        && (filter.DataType is null || filter.DataType == key.DataType)
        && (filter.Symbols is null || filter.Symbols.Contains(key.Symbol, StringComparer.OrdinalIgnoreCase))
        && (filter.FromUtc is not { } from || key.EndUtc > from)
        && (filter.ToUtc is not { } to || key.StartUtc < to)
        && (filter.OlderThan is not { } age || nowUtc - Max(file.LastAccessTimeUtc, file.LastWriteTimeUtc) >= age);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static CachedChunk Describe(ChunkKey key, FileInfo file) =>
        new(key.Source, key.Exchange, key.DataType, key.Symbol, key.StartUtc, key.EndUtc, key.FormatVersion, file.Length, file.LastWriteTimeUtc, file.LastAccessTimeUtc, file.FullName);
}
