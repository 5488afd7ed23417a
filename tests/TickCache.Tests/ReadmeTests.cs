namespace TickCache.Tests;

public sealed class ReadmeTests
{
    [Theory]
    [InlineData("QuickStart.cs.txt")]
    [InlineData("CacheManagement.cs.txt")]
    public void CodeBlock_IsTheCompiledSampleVerbatim(string sample)
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var code = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, sample));

        Assert.Contains("```csharp\n" + code + "```", readme, StringComparison.Ordinal);
    }
}
