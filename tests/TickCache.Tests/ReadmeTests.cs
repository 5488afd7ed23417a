namespace TickCache.Tests;

public sealed class ReadmeTests
{
    [Fact]
    public void QuickStart_IsTheCompiledSampleVerbatim()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "QuickStart.cs.txt"));

        Assert.Contains("```csharp\n" + sample + "```", readme, StringComparison.Ordinal);
    }
}
