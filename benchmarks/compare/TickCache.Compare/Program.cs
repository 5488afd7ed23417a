using System.Globalization;
using TickCache.Compare;

// Side-by-side comparison harness: TickCache vs the official tardis-dev client vs the naive sequential approach,
// against one HTTPS emulator per run. `benchmarks/compare/run.sh` is the one command; see benchmarks/compare/README.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
try
{
    if (args is ["contender", var mode, .. var rest])
    {
        var contenderArgs = new ContenderArguments(rest);
        var report = mode switch
        {
            "tickcache" => await TickCacheContender.RunAsync(contenderArgs),
            "naive" => await NaiveContender.RunAsync(contenderArgs),
            _ => throw new ArgumentException($"Unknown contender '{mode}': use tickcache or naive."),
        };
        Console.WriteLine(report.ToLine());
        return 0;
    }

    if (args is ["fleet-cold", .. var fleetArgs])
    {
        await ColdFleetScenario.RunAsync(fleetArgs);
        return 0;
    }

    if (args is ["fleet-cold-worker", .. var workerArgs])
    {
        return await ColdFleetScenario.WorkerAsync(workerArgs);
    }

    if (args is ["l3", .. var l3Args])
    {
        await L3Scenario.RunAsync(l3Args);
        return 0;
    }

    var options = HarnessOptions.Parse(args);
    var harness = new Harness(options);
    await harness.RunAsync();
    var table = ResultsTable.Render(harness.Runs, options);
    var output = Path.Combine(options.WorkDirectory, "results.md");
    await File.WriteAllTextAsync(output, table);
    Console.WriteLine(table);
    Console.Error.WriteLine($"written to {output}");
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
