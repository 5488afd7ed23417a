namespace TickCache.Tiers;

/// <summary>The L3 pieces a loader uses: the tier, its background write-back and, when enabled, the fleet lease.</summary>
internal sealed record RemoteParts(RemoteTier Tier, RemoteWriteBack WriteBack, FleetLease? Lease);
