using TickCache.Pipeline;

namespace TickCache.Tests;

public sealed class PrefetchWindowTests
{
    private const long Day2MTrades = 90L << 20;

    [Theory]
    [InlineData(4, 192L << 20, Day2MTrades, 1, 2)] // big days: two ahead
    [InlineData(4, 192L << 20, 100_000, 1, 4)] // small days: the count cap
    [InlineData(4, 1, Day2MTrades, 1, 1)] // never below one
    [InlineData(4, 1, Day2MTrades, 3, 3)] // never below the chunks of one multi-symbol day
    [InlineData(4, 0, Day2MTrades, 1, 4)] // 0 lifts the byte cap
    [InlineData(4, 192L << 20, 0, 1, 4)] // an empty chunk tells nothing about size
    public void Chunks_CountAndByteCaps(int prefetchChunks, long prefetchBytes, long chunkBytes, int perDay, int expected)
    {
        Assert.Equal(expected, PrefetchWindow.Chunks(prefetchChunks, prefetchBytes, chunkBytes, perDay));
    }

    [Fact]
    public void Options_NegativePrefetchBytes_RejectedWithTheSettingName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { PrefetchBytes = -1, CacheDirectory = TestData.TempDirectory() }));
        Assert.Contains("PrefetchBytes", error.Message, StringComparison.Ordinal);
    }
}
