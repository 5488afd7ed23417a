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
}
