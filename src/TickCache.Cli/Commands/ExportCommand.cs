using System.CommandLine;
using System.Globalization;
using System.Text;
using TickCache.Storage;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache export</c>: a query's rows as CSV in the Tardis layout or as one standard Parquet file, through the cache (values exactly as served).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output") { Description = "The file to write (default: stdout). Written to a temp file beside it (its folder is created) and renamed: never a partial file." };
        var format = new Option<string>("--format") { Description = "csv (the Tardis CSV columns) or parquet (one standard Parquet file: TIMESTAMP, DOUBLE, nulls; see the README's on-disk format).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var command = CliOptions.Command("export", "Write a query's rows as CSV with the Tardis columns (exchange,symbol,…) or as Parquet, read through the cache; one data type.", [.. CliOptions.Query, output, format]);
        command.SetAction((result, cancellationToken) => Cli.Run(async () =>
        {
            var parquet = result.GetValue(format) == "parquet";
            var queries = CliOptions.Queries(result);
            if (queries.Count != 1)
            {
                throw new ArgumentException("export writes one data type: give one --data-type.");
            }

            await using var client = ClientFactory.Create(result);
            var path = result.GetValue(output);
            long rows;
            if (path is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                rows = parquet
                    ? await client.GetBatchesAsync(queries[0], cancellationToken).WriteParquetAsync(stdout, cancellationToken)
                    : await WriteCsvAsync(client, queries[0], Console.Out, cancellationToken);
            }
            else
            {
                rows = await WriteFileAsync(client, queries[0], path, parquet, cancellationToken);
            }
            if (path is not null)
            {
                Output.Error(parquet && rows == 0
                    ? $"export: no rows in the range, {path} not written"
                    : string.Create(CultureInfo.InvariantCulture, $"export: rows={rows} to {path}"));
            }

            return 0;
        }));
        return command;
    }

    private static async Task<long> WriteFileAsync(TickCacheClient client, TickQuery query, string path, bool parquet, CancellationToken cancellationToken)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"--output '{path}' is not a usable file path: {e.Message}");
        }

        if (Directory.Exists(full))
        {
            throw new ArgumentException($"--output '{path}' is a folder: give a file name.");
        }

        long rows = 0;
        var opened = false;
        try
        {
            await AtomicFile.TryWriteAsync(
                full,
                async (file, ct) =>
                {
                    opened = true;
                    if (parquet)
                    {
                        rows = await client.GetBatchesAsync(query, ct).WriteParquetAsync(file, ct);
                        return rows > 0; // no batch, no schema: an empty file would not be Parquet, so none is written
                    }

                    await using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    rows = await WriteCsvAsync(client, query, writer, ct);
                    return true;
                },
                1 << 16,
                cancellationToken);
        }
        catch (Exception e) when (!opened && (e is IOException or UnauthorizedAccessException))
        {
            // only the folder or the temp file could not be made; a failure while writing is reported as it is
            throw new ArgumentException($"--output '{path}' cannot be written: {e.Message}");
        }

        return rows;
    }

    private static async Task<long> WriteCsvAsync(TickCacheClient client, TickQuery query, TextWriter writer, CancellationToken cancellationToken)
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
