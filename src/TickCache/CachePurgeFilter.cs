namespace TickCache;

/// <summary>
/// Which L2 files <see cref="TickCacheClient.PurgeCache"/> removes: the chunk files matching every filter that is set
/// (none set: all of them), and/or the quarantined files. Not thread-safe while being filled in.
/// </summary>
public sealed class CachePurgeFilter
{
    /// <summary>Only chunks of this source id. The default value is null: any.</summary>
    public string? Source { get; set; }

    /// <summary>Only chunks of this exchange id. The default value is null: any.</summary>
    public string? Exchange { get; set; }

    /// <summary>Only chunks of this data type id. The default value is null: any.</summary>
    public string? DataType { get; set; }

    /// <summary>Only chunks of these dataset symbols (upper case). The default value is null: any.</summary>
    public IReadOnlyCollection<string>? Symbols { get; set; }

    /// <summary>Only chunks that end after this instant (UTC). The default value is null: no bound.</summary>
    public DateTime? FromUtc { get; set; }

    /// <summary>Only chunks that start before this instant (UTC). The default value is null: no bound.</summary>
    public DateTime? ToUtc { get; set; }

    /// <summary>Only chunks not read (by last access time, else last write time) for at least this long, &gt; 0. The default value is null: any age.</summary>
    public TimeSpan? OlderThan { get; set; }

    /// <summary>Remove the chunk files that match. The default value is <see langword="true"/>.</summary>
    public bool Chunks { get; set; } = true;

    /// <summary>Also remove every quarantined (<c>….corrupt-*</c>) file. The default value is <see langword="false"/>.</summary>
    public bool Quarantined { get; set; }

    /// <summary>List what would be removed without removing anything. The default value is <see langword="false"/>.</summary>
    public bool DryRun { get; set; }
}
