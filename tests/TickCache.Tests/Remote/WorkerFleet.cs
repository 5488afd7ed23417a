namespace TickCache.Tests.Remote;

/// <summary>
/// Runs FleetWorker processes that start their query together (each waits for a "go" file): starts them, releases
/// them at once, waits (bounded), asserts each exited 0 and returns each one's output; kills any left over.
/// </summary>
internal static class WorkerFleet
{
    public static async Task<List<string>> RunAsync(IEnumerable<Func<string, string>> argumentsWithGoFile)
    {
        var go = Path.Combine(TestData.TempDirectory(), "go");
        var workers = argumentsWithGoFile.Select(arguments => ProcessTests.Start("TickCache.FleetWorker.dll", arguments(go))).ToList();
        try
        {
            var outputs = workers.Select(w => w.StandardOutput.ReadToEndAsync()).ToList();
            var errors = workers.Select(w => w.StandardError.ReadToEndAsync()).ToList();
            await File.WriteAllTextAsync(go, "go");
            await Task.WhenAll(workers.Select(w => w.WaitForExitAsync())).WaitAsync(TimeSpan.FromMinutes(3));
            var texts = new List<string>();
            for (var i = 0; i < workers.Count; i++)
            {
                var text = await outputs[i] + await errors[i];
                Assert.True(workers[i].ExitCode == 0, $"worker {i} exited {workers[i].ExitCode}: {text}");
                texts.Add(text);
            }

            return texts;
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }

                worker.Dispose();
            }
        }
    }
}
