using Microsoft.Extensions.Logging;
using TickCache.Diagnostics;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Sources.Tardis;
using TickCache.Telemetry;

namespace TickCache.Sources.LocalArchive;

/// <summary>
/// A folder of Tardis CSV files already on disk as a source: one file per UTC day and dataset symbol, named by
/// <see cref="LocalArchiveOptions.FileNamePattern"/>, in the Tardis format (so the Tardis file rules apply: rows filed
/// by <c>local_timestamp</c>, grouped symbols). A chunk whose file exists is available, and final once its day has
/// ended (an archive does not change under us); one without a file is not published (a gap naming the expected path). Files are read and validated
/// completely like a download, never modified; a damaged file is a permanent <see cref="InvalidChunkDataException"/>
/// naming its path (reading it again cannot help). No request, no rate limit, no retries. With a fall-through source
/// (<see cref="LocalArchiveOptions.FallThroughSource"/>), a day without a file is planned as that source's chunk, which
/// the stream loads through that source's own pipeline and limits. Thread-safe.
/// </summary>
internal sealed class LocalArchiveSource(LocalArchiveOptions options, ITickSource? fallThrough, TimeProvider time, ILogger logger) : ITickSource
{
    /// <summary>The archive's partition timestamp (Tardis files): a fall-through source must have the same.</summary>
    public const string Partition = "local_timestamp";

    private readonly ArchivePath _paths = new(options.Directory!, options.FileNamePattern);

    public string Id => TickSources.LocalArchive;

    public string CacheFolder => Id;

    public IReadOnlyCollection<string> DataTypes => TardisDataTypes.All;

    public string PartitionColumn => Partition;

    /// <summary>Reading local files needs no rate limit and no retries; a few in parallel keep the decoders busy.</summary>
    public SourceLimits? Limits { get; } = new(1_000_000, 1_000_000, Math.Max(2, Environment.ProcessorCount), 0);

    /// <summary>One day chunk per symbol; with a fall-through source, a day without a file is that source's chunk instead.</summary>
    public IReadOnlyList<ChunkKey> Plan(TickQuery query, Func<ChunkKey, bool> isStored)
    {
        var keys = DayGrid.Plan(Id, query.Exchange, query.DataType, query.Symbols, query.FromUtc, query.ToUtc, CacheFolder);
        return fallThrough is null ? keys : [.. keys.Select(k => File.Exists(_paths.Of(k)) ? k : FallThroughKey(k, isStored))];
    }

    /// <summary>Final once the day has ended (a file of a day still running can only be partial: served, never stored).</summary>
    public Task<bool> IsFinalAsync(ChunkKey key, CancellationToken cancellationToken) => Task.FromResult(key.EndUtc <= time.GetUtcNow().UtcDateTime);

    public Task<ChunkAvailability> CheckAvailabilityAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var path = _paths.Of(key);
        return Task.FromResult(File.Exists(path)
            ? ChunkAvailability.Yes
            : ChunkAvailability.Gap($"the archive {_paths.Root} has no file for {key}: expected {path}"));
    }

    public async Task<IReadOnlyList<KnownGap>> GetKnownGapsAsync(TickQuery query, CancellationToken cancellationToken)
    {
        if (fallThrough is not null)
        {
            // The days without a file are the fall-through source's: its gaps over them are the query's.
            var missing = DayGrid.Plan(Id, query.Exchange, query.DataType, query.Symbols, query.FromUtc, query.ToUtc, CacheFolder).Where(k => !File.Exists(_paths.Of(k))).ToList();
            var theirs = await fallThrough.GetKnownGapsAsync(new TickQuery(query.Exchange, query.DataType, query.Symbols, query.FromUtc, query.ToUtc) { Source = fallThrough.Id }, cancellationToken).ConfigureAwait(false);
            return [.. theirs.Where(g => missing.Exists(k => g.FromUtc < k.EndUtc && g.ToUtc > k.StartUtc))];
        }

        var gaps = new List<KnownGap>();
        foreach (var key in Plan(query, static _ => false))
        {
            var path = _paths.Of(key);
            if (!File.Exists(path))
            {
                gaps.Add(new KnownGap(key.StartUtc, key.EndUtc, "unavailable", $"not in the archive: {path}", KnownGapKind.NotPublished));
            }
        }

        return gaps;
    }

    /// <summary>The fall-through source's chunk for the same exchange, data type, symbol and day.</summary>
    private ChunkKey FallThroughKey(ChunkKey key, Func<ChunkKey, bool> isStored) =>
        fallThrough!.Plan(new TickQuery(key.Exchange, key.DataType, key.Symbol, key.StartUtc, key.EndUtc) { Source = fallThrough.Id }, isStored).Single();

    /// <summary>A folder named by a pattern has no listing here (yet).</summary>
    public Task<IReadOnlyList<SymbolInfo>?> GetSymbolsAsync(string exchange, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SymbolInfo>?>(null);

    public Task<IReadOnlyList<ExchangeInfo>?> GetExchangesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ExchangeInfo>?>(null);

    /// <summary>A folder of files has no instruments API.</summary>
    public Task<IReadOnlyList<Instrument>?> GetInstrumentsAsync(string exchange, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Instrument>?>(null);

    public async Task<ChunkColumns> FetchAsync(ChunkKey key, CancellationToken cancellationToken)
    {
        var path = _paths.Of(key);
        Log.Fetching(logger, key.ToString(), path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Errors.ArchiveUnreadable(key, path, e);
        }

        await using (file.ConfigureAwait(false))
        {
            var (columns, _) = await CsvChunkDecoder.DecodeAsync(file, TardisDatasetsSource.FileOf(key, path, final: true), file.Length, cancellationToken).ConfigureAwait(false);
            return columns;
        }
    }
}
