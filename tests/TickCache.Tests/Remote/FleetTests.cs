using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace TickCache.Tests.Remote;

/// <summary>
/// Four worker processes (own L1 and L2 each) against one emulator and one Redis L3, running overlapping queries at
/// the same moment: with the fleet lease, the vendor sees exactly one request per distinct chunk; without it, the
/// count is reported. Every worker gets exactly its rows either way.
/// </summary>
[Collection(L3ServersGroup.Name)]
[Trait("Category", L3ServersGroup.Category)]
public sealed partial class FleetTests(L3Servers servers, ITestOutputHelper output)
{
    private const int Days = 6;
    private const int RowsPerDay = 60_000;
    private static readonly (int First, int Count)[] Ranges = [(0, 4), (1, 4), (2, 4), (0, 6)];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FourWorkers_OverlappingQueries_WithLease_OneUpstreamRequestPerDistinctChunk(bool lease)
    {
        await using var world = await RemoteWorld.StartAsync(Days, RowsPerDay);
        var prefix = $"fleet-{Guid.NewGuid():N}:";
        var texts = await WorkerFleet.RunAsync(Ranges.Select(r => (Func<string, string>)(go => string.Join(' ',
            world.Emulator.BaseAddress,
            TestData.TempDirectory(),
            servers.Redis,
            prefix,
            lease,
            RemoteWorld.Exchange,
            RemoteWorld.Symbol,
            Day(r.First),
            Day(r.First + r.Count),
            go))));

        var results = new List<Match>();
        for (var i = 0; i < texts.Count; i++)
        {
            output.WriteLine($"worker {i} {Ranges[i]}: {texts[i].Trim()}");
            var match = Summary().Match(texts[i]);
            Assert.True(match.Success, texts[i]);
            Assert.Equal(Ranges[i].Count * RowsPerDay, long.Parse(match.Groups["rows"].Value, CultureInfo.InvariantCulture));
            results.Add(match);
        }

        var upstream = world.Emulator.DatasetRequests;
        output.WriteLine($"lease={lease}: {upstream} upstream dataset requests for {Days} distinct chunks ({Ranges.Sum(r => r.Count)} chunk reads)");
        Assert.Equal(upstream, results.Sum(m => int.Parse(m.Groups["fetches"].Value, CultureInfo.InvariantCulture)));
        if (lease)
        {
            Assert.Equal(Days, upstream);
        }
        else
        {
            Assert.InRange(upstream, Days, Ranges.Sum(r => r.Count));
        }
    }

    private static string Day(int offset) => RemoteWorld.FirstDay.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"fleet: rows=(?<rows>\d+) amount=\S+ source_fetches=(?<fetches>\d+) l3_hits=(?<hits>\d+)")]
    private static partial Regex Summary();
}
