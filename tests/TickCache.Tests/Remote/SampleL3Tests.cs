namespace TickCache.Tests.Remote;

/// <summary>
/// The backtest sample (the README's main job) with <c>--l3-redis</c>, as two processes on two machines' worth of
/// caches: the second, with an empty L2 of its own, is served entirely by the shared L3 and reports the same results.
/// </summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed class SampleL3Tests(L3Servers servers)
{
    [Fact]
    public async Task Sample_SecondWorkerWithEmptyL2_ServedFromSharedRedisWithSameResults()
    {
        var (firstCode, first) = await ProcessTests.RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {TestData.TempDirectory()} --l3-redis {servers.Redis}");
        var (secondCode, second) = await ProcessTests.RunAsync("TickCache.Samples.Backtest.dll", $"--cache-dir {TestData.TempDirectory()} --l3-redis {servers.Redis}");

        Assert.Equal(0, firstCode);
        Assert.Equal(0, secondCode);
        var one = ProcessTests.Summary().Match(first);
        var two = ProcessTests.Summary().Match(second);
        Assert.True(one.Success && two.Success, first + second);
        Assert.Contains("shared L3: redis://", second, StringComparison.Ordinal);
        Assert.Equal("0", two.Groups["l2"].Value);
        Assert.Equal(one.Groups["chunks"].Value, two.Groups["l3"].Value);
        Assert.Equal("0", two.Groups["fetches"].Value);
        Assert.Equal("0", two.Groups["upstream"].Value);
        Assert.Equal(ProcessTests.Results(first), ProcessTests.Results(second));
    }
}
