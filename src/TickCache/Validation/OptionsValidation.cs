using TickCache.Diagnostics;

namespace TickCache.Validation;

/// <summary>
/// Checks the vendor-neutral settings of <see cref="TickCacheOptions"/> when a client is built (each source checks its
/// own settings: <c>SourceCatalog.ValidateOptions</c>); every message (built in <see cref="Errors"/>) names the setting,
/// its value and the rule. The range helpers are shared with the sources' checks.
/// </summary>
internal static class OptionsValidation
{
    public static void Validate(TickCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UseDiskCache && (string.IsNullOrWhiteSpace(options.CacheDirectory) || options.CacheDirectory.Contains('\0', StringComparison.Ordinal)))
        {
            throw Errors.NoCacheDirectory(nameof(options.CacheDirectory));
        }

        Range(options.MemoryBudgetBytes, 0, long.MaxValue, nameof(options.MemoryBudgetBytes));
        Range(options.DiskBudgetBytes, 0, long.MaxValue, nameof(options.DiskBudgetBytes));
        Range(options.MaxConcurrentRequests, 1, 256, nameof(options.MaxConcurrentRequests));
        Range(options.RequestBurst, 1, 100_000, nameof(options.RequestBurst));
        Range(options.MaxRetries, 0, 20, nameof(options.MaxRetries));
        Range(options.PrefetchChunks, 1, 64, nameof(options.PrefetchChunks));
        Range(options.PrefetchBytes, 0, long.MaxValue, nameof(options.PrefetchBytes));
        Rate(options.RequestsPerSecond, nameof(options.RequestsPerSecond));

        // The upper bounds are those of the timers and of Polly's strategies (a day), checked here, not at the first fetch.
        AtMostADay(options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        AtMostADay(options.MaxRetryDelay, nameof(options.MaxRetryDelay));
        Between(options.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1), "10 ms and 1 day", nameof(options.AttemptTimeout));
        AtMostADay(options.StallTimeout, nameof(options.StallTimeout));
        Positive(options.MaxQueryLength, nameof(options.MaxQueryLength));
        Between(options.FinalizationDelay, TimeSpan.Zero, TimeSpan.FromDays(365), "0 and 365 days", nameof(options.FinalizationDelay));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        if (options.RemoteCache is { } remote)
        {
            Remote(remote);
        }
    }

    private static void Remote(RemoteCacheOptions remote)
    {
        const string Prefix = "RemoteCache.";
        if (remote.Store is null)
        {
            throw Errors.NoRemoteStore(Prefix + nameof(remote.Store));
        }

        AtMostADay(remote.TimeToFirstByte, Prefix + nameof(remote.TimeToFirstByte));
        Between(remote.PerMebibyte, TimeSpan.Zero, TimeSpan.FromMinutes(10), "0 and 10 minutes", Prefix + nameof(remote.PerMebibyte));
        Between(remote.FirstCallTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(5), "0 and 5 minutes", Prefix + nameof(remote.FirstCallTimeout));

        Range(remote.MaxObjectBytes, 1024, 2L << 30, Prefix + nameof(remote.MaxObjectBytes));
        Range(remote.BreakerFailures, 1, 1000, Prefix + nameof(remote.BreakerFailures));
        Range(remote.WriteQueueCapacity, 1, 1024, Prefix + nameof(remote.WriteQueueCapacity));
        AtMostADay(remote.BreakDuration, Prefix + nameof(remote.BreakDuration));
        AtMostADay(remote.LeaseDuration, Prefix + nameof(remote.LeaseDuration));
        AtMostADay(remote.LeasePollInterval, Prefix + nameof(remote.LeasePollInterval));
        NotNegative(remote.LeaseWait, Prefix + nameof(remote.LeaseWait));
        if (remote.UseFleetLease && (remote.LeaseStore ?? remote.Store as IRemoteLeaseStore) is null)
        {
            throw Errors.NoLeases(Prefix + nameof(remote.UseFleetLease), remote.Store.Name);
        }
    }

    /// <summary>A requests-per-second setting: &gt; 0 and ≤ 100000.</summary>
    public static void Rate(double value, string name)
    {
        if (!(value > 0 && value <= 100_000))
        {
            throw Errors.SettingOutOfRange(name, value, "it must be > 0 and ≤ 100000");
        }
    }

    public static void Range(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            throw Errors.SettingOutOfRange(name, value, $"it must be between {min} and {max}");
        }
    }

    /// <summary>A time setting within [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="range"/> says so in words.</summary>
    private static void Between(TimeSpan value, TimeSpan min, TimeSpan max, string range, string name)
    {
        if (value < min || value > max)
        {
            throw Errors.SettingOutOfRange(name, value, $"it must be between {range}");
        }
    }

    /// <summary>A time limit: &gt; 0 and ≤ 1 day.</summary>
    public static void AtMostADay(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw Errors.SettingOutOfRange(name, value, "it must be > 0 and ≤ 1 day");
        }
    }

    public static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Errors.SettingOutOfRange(name, value, "it must be positive");
        }
    }

    public static void NotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw Errors.SettingOutOfRange(name, value, "it is negative: use zero or more");
        }
    }
}
