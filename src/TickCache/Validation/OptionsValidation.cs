namespace TickCache.Validation;

/// <summary>Checks <see cref="TickCacheOptions"/> when a client is built; every message names the setting, its value and the rule.</summary>
internal static class OptionsValidation
{
    public static void Validate(TickCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UseDiskCache && string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            throw new ArgumentException("TickCacheOptions.CacheDirectory is empty: set a folder for the disk cache, or set UseDiskCache = false.", nameof(options));
        }

        Endpoint(options.DatasetsEndpoint, nameof(options.DatasetsEndpoint), options.AllowInsecureHttp);
        Endpoint(options.MetadataEndpoint, nameof(options.MetadataEndpoint), options.AllowInsecureHttp);
        Range(options.MemoryBudgetBytes, 0, long.MaxValue, nameof(options.MemoryBudgetBytes));
        Range(options.MaxConcurrentRequests, 1, 256, nameof(options.MaxConcurrentRequests));
        Range(options.RequestBurst, 1, 100_000, nameof(options.RequestBurst));
        Range(options.MaxRetries, 0, 20, nameof(options.MaxRetries));
        Range(options.PrefetchChunks, 1, 64, nameof(options.PrefetchChunks));
        Range(options.PrefetchBytes, 0, long.MaxValue, nameof(options.PrefetchBytes));
        if (!(options.RequestsPerSecond > 0 && options.RequestsPerSecond <= 100_000))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestsPerSecond, $"TickCacheOptions.RequestsPerSecond is {options.RequestsPerSecond}: it must be > 0 and ≤ 100000.");
        }

        Positive(options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        Positive(options.MaxRetryDelay, nameof(options.MaxRetryDelay));
        Positive(options.AttemptTimeout, nameof(options.AttemptTimeout));
        Positive(options.MaxQueryLength, nameof(options.MaxQueryLength));
        if (options.FinalizationDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FinalizationDelay, "TickCacheOptions.FinalizationDelay is negative: use zero or more.");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        if (options.RemoteCache is { } remote)
        {
            Remote(remote);
        }

        if (options.LocalArchive is { } archive)
        {
            Archive(archive);
        }
    }

    private static void Archive(LocalArchiveOptions archive)
    {
        const string Setting = "LocalArchive.";
        if (string.IsNullOrWhiteSpace(archive.Directory) || archive.Directory.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid(Setting + nameof(archive.Directory), "TickCacheOptions.LocalArchive.Directory is empty or holds a NUL character: set the folder that holds the archive's files.");
        }

        if (!System.IO.Directory.Exists(archive.Directory))
        {
            throw Invalid(Setting + nameof(archive.Directory), $"TickCacheOptions.LocalArchive.Directory '{archive.Directory}' does not exist: set the folder that holds the archive's files (e.g. the official clients' ./datasets).");
        }

        var pattern = archive.FileNamePattern ?? string.Empty;
        var rest = pattern;
        foreach (var part in new[] { "{exchange}", "{dataType}", "{symbol}", "{date}", "{yyyy}", "{MM}", "{dd}" })
        {
            rest = rest.Replace(part, "x", StringComparison.Ordinal);
        }

        var dated = pattern.Contains("{date}", StringComparison.Ordinal)
            || (pattern.Contains("{yyyy}", StringComparison.Ordinal) && pattern.Contains("{MM}", StringComparison.Ordinal) && pattern.Contains("{dd}", StringComparison.Ordinal));
        var named = pattern.Contains("{exchange}", StringComparison.Ordinal) && pattern.Contains("{dataType}", StringComparison.Ordinal) && pattern.Contains("{symbol}", StringComparison.Ordinal);
        var unsafePath = Path.IsPathRooted(pattern) || pattern.Split('/', '\\').Any(segment => segment is "" or "." or "..") || rest.IndexOfAny(['{', '}', '\0', '\\']) >= 0;
        if (!dated || !named || unsafePath)
        {
            throw Invalid(
                Setting + nameof(archive.FileNamePattern),
                $"TickCacheOptions.LocalArchive.FileNamePattern '{pattern}' is not a usable file pattern: it needs {{exchange}}, {{dataType}}, {{symbol}} and {{date}} (or {{yyyy}}, {{MM}} and {{dd}}), no other placeholder, '/' separators, no empty, '.' or '..' segment, not rooted; e.g. '{LocalArchiveOptions.TardisClientPattern}' or '{LocalArchiveOptions.DatasetsMirrorPattern}'.");
        }
    }

    private static void Remote(RemoteCacheOptions remote)
    {
        const string Prefix = "RemoteCache.";
        if (remote.Store is null)
        {
            throw Invalid(Prefix + nameof(remote.Store), "TickCacheOptions.RemoteCache.Store is null: set an IRemoteStore (S3, Redis or HTTP backend), or leave RemoteCache null to run without L3.");
        }

        Positive(remote.TimeToFirstByte, Prefix + nameof(remote.TimeToFirstByte));
        if (remote.PerMebibyte < TimeSpan.Zero)
        {
            throw OutOfRange(Prefix + nameof(remote.PerMebibyte), remote.PerMebibyte, "TickCacheOptions.RemoteCache.PerMebibyte is negative: use zero or more.");
        }

        Range(remote.MaxObjectBytes, 1024, 2L << 30, Prefix + nameof(remote.MaxObjectBytes));
        Range(remote.BreakerFailures, 1, 1000, Prefix + nameof(remote.BreakerFailures));
        Range(remote.WriteQueueCapacity, 1, 1024, Prefix + nameof(remote.WriteQueueCapacity));
        Positive(remote.BreakDuration, Prefix + nameof(remote.BreakDuration));

        Positive(remote.LeaseDuration, Prefix + nameof(remote.LeaseDuration));
        Positive(remote.LeasePollInterval, Prefix + nameof(remote.LeasePollInterval));
        if (remote.LeaseWait < TimeSpan.Zero)
        {
            throw OutOfRange(Prefix + nameof(remote.LeaseWait), remote.LeaseWait, "TickCacheOptions.RemoteCache.LeaseWait is negative: use zero or more.");
        }

        if (remote.UseFleetLease && !remote.Store.SupportsLeases)
        {
            throw Invalid(Prefix + nameof(remote.UseFleetLease), $"TickCacheOptions.RemoteCache.UseFleetLease is on, but the store '{remote.Store.Name}' has no leases (SupportsLeases = false): use the S3 or Redis backend, or turn the lease off.");
        }
    }

    private static void Endpoint(Uri? uri, string name, bool allowInsecure) =>
        RemoteStoreSettings.RequireEndpoint(uri, $"TickCacheOptions.{name}", name, allowInsecure, "https://datasets.tardis.dev/v1", "the API key", "set AllowInsecureHttp = true");

    private static void Range(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"TickCacheOptions.{name} is {value}: it must be between {min} and {max}.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"TickCacheOptions.{name} is {value}: it must be positive.");
        }
    }

    private static ArgumentException Invalid(string setting, string message) => new(message, setting);

    private static ArgumentOutOfRangeException OutOfRange(string setting, object value, string message) => new(setting, value, message);
}
