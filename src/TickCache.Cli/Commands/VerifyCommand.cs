using System.CommandLine;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache verify</c>: re-verify every L2 file; exit 1 when any was bad (it is moved aside).</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = CliOptions.Command("verify", "Read and verify every cached file; a bad one is moved aside (refetched when next needed). Exit 1 if any was bad.");
        command.SetAction((result, cancellationToken) => Cli.Run(async () =>
        {
            using var client = ClientFactory.Create(result);
            var report = await client.VerifyCacheAsync(cancellationToken).ConfigureAwait(false);
            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(report);
            }
            else
            {
                report.Quarantined.ToList().ForEach(path => Output.Line("bad: " + path));
                Output.Line($"verify: checked={report.Checked} valid={report.Valid} bad={report.Quarantined.Count}");
            }

            return report.Quarantined.Count == 0 ? 0 : 1;
        }));
        return command;
    }
}
