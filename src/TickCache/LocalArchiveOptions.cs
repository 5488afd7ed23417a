namespace TickCache;

/// <summary>
/// Where a local archive of Tardis CSV files lives and how its files are named (<see cref="TickCacheOptions.LocalArchive"/>).
/// The files are read as downloads are: the same gzip, header, row and partition checks; a truncated or corrupt file is
/// reported with its path and not cached. Not thread-safe while being filled in.
/// </summary>
public sealed class LocalArchiveOptions
{
    /// <summary>The file name the data vendor's official download clients (tardis-node <c>downloadDatasets</c>, tardis-python <c>datasets.download</c>) write by default.</summary>
    public const string OfficialClientPattern = "{exchange}_{dataType}_{date}_{symbol}.csv.gz";

    /// <summary>A mirror of the datasets URL (<c>{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c>, what <c>wget -r</c> of the API or the emulator's data folder holds).</summary>
    public const string DatasetsMirrorPattern = "{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz";

    /// <summary>The archive's root folder (e.g. tardis-node's <c>./datasets</c>). Must exist.</summary>
    /// <value>The default value is <see langword="null"/>: must be set.</value>
    public string? Directory { get; set; }

    /// <summary>
    /// The path of a day's file below <see cref="Directory"/>, '/'-separated, with the placeholders <c>{exchange}</c>,
    /// <c>{dataType}</c>, <c>{symbol}</c> (the dataset symbol, upper case) and either <c>{date}</c> (<c>yyyy-MM-dd</c>)
    /// or all of <c>{yyyy}</c>, <c>{MM}</c>, <c>{dd}</c>. No other placeholder, no <c>..</c>, not rooted.
    /// </summary>
    /// <value>The default value is <see cref="OfficialClientPattern"/>.</value>
    public string FileNamePattern { get; set; } = OfficialClientPattern;

    /// <summary>
    /// The source that serves the days the archive has no file for, e.g. <see cref="TickSources.TardisDatasets"/> (the API
    /// the archive was downloaded from): such a day is planned as that source's chunk, fetched, validated and cached as
    /// it (under its key and L2 folder), so a later download into the archive does not change what was cached. It must
    /// be a source the client has with the same partition timestamp (<c>local_timestamp</c>); when
    /// <see langword="null"/>, a day without a file is a gap whose reason names the expected path.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no fall-through.</value>
    public string? FallThroughSource { get; set; }
}
