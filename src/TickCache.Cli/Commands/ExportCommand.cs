using System.CommandLine;
using System.Globalization;
using System.Text;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache export</c>: a query's rows as CSV in the Tardis layout, through the cache (values exactly as served).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output") { Description = "The CSV file to write (default: stdout). Written to a temp file beside it and renamed: never a partial file." };
        var format = new Option<string>("--format") { Description = "csv (the Tardis CSV columns).", DefaultValueFactory = _ => "csv" };
        var command = CliOptions.Command("export", "Write a query's rows as CSV with the Tardis columns (exchange,symbol,…), read through the cache; one data type.", [.. CliOptions.Query, output, format]);
        command.SetAction((result, cancellationToken) => Cli.Run(async () =>
        {
            if (result.GetValue(format) != "csv")
            {
                throw new ArgumentException($"--format '{result.GetValue(format)}' is not supported: use csv.");
            }

            var queries = CliOptions.Queries(result);
            if (queries.Count != 1)
            {
                throw new ArgumentException("export writes one data type: give one --data-type.");
            }

            await using var client = ClientFactory.Create(result);
            var path = result.GetValue(output);
            var rows = path is null
                ? await WriteAsync(client, queries[0], Console.Out, cancellationToken)
                : await WriteFileAsync(client, queries[0], path, cancellationToken);
            if (path is not null)
            {
                Output.Error(string.Create(CultureInfo.InvariantCulture, $"export: rows={rows} to {path}"));
            }

            return 0;
        }));
        return command;
    }

    private static async Task<long> WriteFileAsync(TickCacheClient client, TickQuery query, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temp = full + $".tmp-{Environment.ProcessId}";
        FileStream file;
        try
        {
            file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--output '{path}' cannot be written: {e.Message}");
        }

        try
        {
            long rows;
            await using (var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16))
            {
                rows = await WriteAsync(client, query, writer, cancellationToken);
            }

            File.Move(temp, full, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<long> WriteAsync(TickCacheClient client, TickQuery query, TextWriter writer, CancellationToken cancellationToken)
    {
        long rows = 0;
        var header = false;
        await foreach (var batch in client.GetBatchesAsync(query, cancellationToken))
        {
            if (!header)
            {
                await writer.WriteAsync(batch.CsvHeader + "\n");
                header = true;
            }

            await batch.WriteCsvAsync(writer, cancellationToken);
            rows += batch.Count;
        }

        await writer.FlushAsync(cancellationToken);
        return rows;
    }
}
