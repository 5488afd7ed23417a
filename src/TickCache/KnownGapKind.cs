namespace TickCache;

/// <summary>What kind of <see cref="KnownGap"/> a gap is.</summary>
public enum KnownGapKind
{
    /// <summary>A documented incident at the source (an outage): data inside it may be missing or thin.</summary>
    Incident = 0,

    /// <summary>A range the source does not publish for the symbol (before its first or after its last day): no rows, not an error.</summary>
    NotPublished = 1,
}
