namespace TickCache.Tests;

/// <summary>Bad settings fail at construction with a message that names the setting and never shows a credential.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("http://user:secret@127.0.0.1:5123/v1", "user name or password")]
    [InlineData("https://user:secret@datasets.example/v1", "user name or password")]
    [InlineData("mailto:someone@example.com", "'mailto:…' is not an absolute http(s) URL")]
    [InlineData("ftp://files.example/v1", "'ftp:…' is not an absolute http(s) URL")]
    public void Endpoint_NotUsable_NamedWithoutItsSecrets(string url, string says)
    {
        var e = Assert.Throws<ArgumentException>(() => new TickCacheClient(new TickCacheOptions { DatasetsEndpoint = new Uri(url), CacheDirectory = TestData.TempDirectory() }));

        Assert.Contains("TickCacheOptions.DatasetsEndpoint", e.Message, StringComparison.Ordinal);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("someone", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CacheDirectory_WithANul_NamesTheSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new TickCacheClient(new TickCacheOptions { CacheDirectory = "/tmp/a\0b" }));

        Assert.Equal("CacheDirectory", e.ParamName);
        Assert.Contains("NUL", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Each time setting at its bounds is taken, and just past them refused when the client is built, never at the first fetch (the timers and Polly's strategies stop at a day).</summary>
    [Theory]
    [InlineData("RetryBaseDelay", 86_400_000, 86_400_001)]
    [InlineData("MaxRetryDelay", 86_400_000, 86_400_001)]
    [InlineData("AttemptTimeout", 10, 9)]
    [InlineData("AttemptTimeout", 86_400_000, 86_400_001)]
    [InlineData("StallTimeout", 86_400_000, 86_400_001)]
    [InlineData("FinalizationDelay", 0, -1)]
    [InlineData("FinalizationDelay", 31_536_000_000, 31_536_000_001)]
    [InlineData("RemoteCache.TimeToFirstByte", 86_400_000, 86_400_001)]
    [InlineData("RemoteCache.PerMebibyte", 600_000, 600_001)]
    [InlineData("RemoteCache.BreakDuration", 86_400_000, 86_400_001)]
    [InlineData("RemoteCache.LeaseDuration", 86_400_000, 86_400_001)]
    [InlineData("RemoteCache.LeasePollInterval", 86_400_000, 86_400_001)]
    public void TimeSetting_AtItsBoundIsTaken_PastItIsRefusedNamingTheSetting(string setting, long boundMs, long pastMs)
    {
        using (new TickCacheClient(With(setting, TimeSpan.FromMilliseconds(boundMs))))
        {
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(With(setting, TimeSpan.FromMilliseconds(pastMs))));
        Assert.Contains($"TickCacheOptions.{setting} is ", e.Message, StringComparison.Ordinal);
        Assert.Equal(setting, e.ParamName);
    }

    private static TickCacheOptions With(string setting, TimeSpan value)
    {
        var remote = new RemoteCacheOptions { Store = new TickCache.Remote.Http.HttpRemoteStore(new TickCache.Remote.Http.HttpRemoteStoreOptions { BaseAddress = new Uri("http://127.0.0.1:9/") }), UseFleetLease = false };
        var options = new TickCacheOptions { CacheDirectory = TestData.TempDirectory(), RemoteCache = remote };
        _ = setting switch
        {
            "RetryBaseDelay" => options.RetryBaseDelay = value,
            "MaxRetryDelay" => options.MaxRetryDelay = value,
            "AttemptTimeout" => options.AttemptTimeout = value,
            "StallTimeout" => options.StallTimeout = value,
            "FinalizationDelay" => options.FinalizationDelay = value,
            "RemoteCache.TimeToFirstByte" => remote.TimeToFirstByte = value,
            "RemoteCache.PerMebibyte" => remote.PerMebibyte = value,
            "RemoteCache.BreakDuration" => remote.BreakDuration = value,
            "RemoteCache.LeaseDuration" => remote.LeaseDuration = value,
            "RemoteCache.LeasePollInterval" => remote.LeasePollInterval = value,
            _ => throw new ArgumentException(setting, nameof(setting)),
        };
        return options;
    }
}
