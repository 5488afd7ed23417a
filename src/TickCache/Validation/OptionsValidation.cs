using TickCache.Diagnostics;

namespace TickCache.Validation;

/// <summary>
/// Checks <see cref="TickCacheOptions"/> when a client is built; every message (built in <see cref="Errors"/>) names the
/// setting, its value and the rule.
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

        Endpoint(options.DatasetsEndpoint, nameof(options.DatasetsEndpoint), options.AllowInsecureHttp);
        Endpoint(options.MetadataEndpoint, nameof(options.MetadataEndpoint), options.AllowInsecureHttp);
        Range(options.MemoryBudgetBytes, 0, long.MaxValue, nameof(options.MemoryBudgetBytes));
        Range(options.DiskBudgetBytes, 0, long.MaxValue, nameof(options.DiskBudgetBytes));
        Range(options.MaxConcurrentRequests, 1, 256, nameof(options.MaxConcurrentRequests));
        Range(options.RequestBurst, 1, 100_000, nameof(options.RequestBurst));
        Range(options.MaxRetries, 0, 20, nameof(options.MaxRetries));
        Range(options.PrefetchChunks, 1, 64, nameof(options.PrefetchChunks));
        Range(options.PrefetchBytes, 0, long.MaxValue, nameof(options.PrefetchBytes));
        if (!(options.RequestsPerSecond > 0 && options.RequestsPerSecond <= 100_000))
        {
            throw Errors.SettingOutOfRange(nameof(options.RequestsPerSecond), options.RequestsPerSecond, "it must be > 0 and ≤ 100000");
        }

        Positive(options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        Positive(options.MaxRetryDelay, nameof(options.MaxRetryDelay));
        Positive(options.AttemptTimeout, nameof(options.AttemptTimeout));
        Positive(options.MaxQueryLength, nameof(options.MaxQueryLength));
        NotNegative(options.FinalizationDelay, nameof(options.FinalizationDelay));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        if (options.RemoteCache is { } remote)
        {
            Remote(remote);
        }

        if (options.LocalArchive is { } archive)
        {
            Archive(archive);
        }

        Binance(options.BinancePublicData, options.AllowInsecureHttp);
    }

    private static void Binance(BinancePublicDataOptions? binance, bool allowInsecure)
    {
        const string Prefix = "BinancePublicData.";
        ArgumentNullException.ThrowIfNull(binance, "options.BinancePublicData");
        RemoteStoreSettings.RequireEndpoint(binance.Endpoint, "TickCacheOptions." + Prefix + nameof(binance.Endpoint), Prefix + nameof(binance.Endpoint), allowInsecure, "https://data.binance.vision", "the data", "set AllowInsecureHttp = true");
        Range(binance.MaxConcurrentRequests, 1, 256, Prefix + nameof(binance.MaxConcurrentRequests));
        if (!(binance.RequestsPerSecond > 0 && binance.RequestsPerSecond <= 100_000))
        {
            throw Errors.SettingOutOfRange(Prefix + nameof(binance.RequestsPerSecond), binance.RequestsPerSecond, "it must be > 0 and ≤ 100000");
        }

        if (binance.MonthlyFileDelay < TimeSpan.Zero || binance.MonthlyFileDelay > TimeSpan.FromDays(31))
        {
            throw Errors.SettingOutOfRange(Prefix + nameof(binance.MonthlyFileDelay), binance.MonthlyFileDelay, "it must be between 0 and 31 days");
        }
    }

    private static void Remote(RemoteCacheOptions remote)
    {
        const string Prefix = "RemoteCache.";
        if (remote.Store is null)
        {
            throw Errors.NoRemoteStore(Prefix + nameof(remote.Store));
        }

        Positive(remote.TimeToFirstByte, Prefix + nameof(remote.TimeToFirstByte));
        NotNegative(remote.PerMebibyte, Prefix + nameof(remote.PerMebibyte));
        Range(remote.MaxObjectBytes, 1024, 2L << 30, Prefix + nameof(remote.MaxObjectBytes));
        Range(remote.BreakerFailures, 1, 1000, Prefix + nameof(remote.BreakerFailures));
        Range(remote.WriteQueueCapacity, 1, 1024, Prefix + nameof(remote.WriteQueueCapacity));
        Positive(remote.BreakDuration, Prefix + nameof(remote.BreakDuration));
        Positive(remote.LeaseDuration, Prefix + nameof(remote.LeaseDuration));
        Positive(remote.LeasePollInterval, Prefix + nameof(remote.LeasePollInterval));
        NotNegative(remote.LeaseWait, Prefix + nameof(remote.LeaseWait));
        if (remote.UseFleetLease && (remote.LeaseStore ?? remote.Store as IRemoteLeaseStore) is null)
        {
            throw Errors.NoLeases(Prefix + nameof(remote.UseFleetLease), remote.Store.Name);
        }
    }

    private static void Archive(LocalArchiveOptions archive)
    {
        const string Prefix = "LocalArchive.";
        if (string.IsNullOrWhiteSpace(archive.Directory) || archive.Directory.Contains('\0', StringComparison.Ordinal))
        {
            throw Errors.NoArchiveDirectory(Prefix + nameof(archive.Directory));
        }

        if (!Directory.Exists(archive.Directory))
        {
            throw Errors.MissingArchiveDirectory(Prefix + nameof(archive.Directory), archive.Directory);
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
            throw Errors.BadArchivePattern(Prefix + nameof(archive.FileNamePattern), pattern);
        }
    }

    private static void Endpoint(Uri? uri, string name, bool allowInsecure) =>
        RemoteStoreSettings.RequireEndpoint(uri, $"TickCacheOptions.{name}", name, allowInsecure, "https://datasets.tardis.dev/v1", "the API key", "set AllowInsecureHttp = true");

    private static void Range(long value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            throw Errors.SettingOutOfRange(name, value, $"it must be between {min} and {max}");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Errors.SettingOutOfRange(name, value, "it must be positive");
        }
    }

    private static void NotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw Errors.SettingOutOfRange(name, value, "it is negative: use zero or more");
        }
    }
}
