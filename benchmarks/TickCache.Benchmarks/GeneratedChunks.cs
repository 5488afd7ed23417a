using System.Globalization;
using System.IO.Compression;
using System.Text;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Benchmarks;

/// <summary>
/// GENERATED data (not real) for any data type, with the distributions of its columns: timestamps with exponential
/// gaps and same-ms bursts, local_timestamp 2–8 ms later, prices as 0.1-tick random walks around 61,800 (levels of a
/// snapshot 0.1 apart), amounts log-normal to 0.001, enums drawn from their words, ids consecutive, funding/expiry
/// timestamps constant per hour. Written as the Tardis CSV (gzip Fastest). Deterministic (seed 7).
/// </summary>
internal static class GeneratedChunks
{
    public static (ChunkKey Key, byte[] CsvGzip, int Rows) Create(string dataType, int rows)
    {
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", dataType, "BTCUSDT", new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1));
        var schema = DatasetSchemas.For(dataType);
        var random = new Random(7);
        var t = key.StartMicros;
        var tick = 618_000L;
        var gap = 86_400_000_000.0 / rows;
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(schema.Header);
            var line = new StringBuilder();
            for (var r = 0; r < rows; r++)
            {
                t += random.NextDouble() < 0.3 ? 0 : (long)(-Math.Log(1 - random.NextDouble()) * gap / 0.7);
                t = Math.Min(t, key.EndMicros - 10_000); // the random gaps average a day: keep every arrival (≤ +8 ms) inside it
                tick += random.Next(-1, 2);
                line.Clear().Append("binance-futures,BTCUSDT,");
                var level = 0;
                foreach (var column in schema.Columns)
                {
                    var cell = column.Name switch
                    {
                        "timestamp" => (t - (t % 1000)).ToString(CultureInfo.InvariantCulture),
                        "local_timestamp" => (t + random.Next(2_000, 8_000)).ToString(CultureInfo.InvariantCulture),
                        "id" => (5_266_583_935L + r).ToString(CultureInfo.InvariantCulture),
                        _ when column.Kind == ColumnKind.Int64 => (t - (t % 3_600_000_000) + 3_600_000_000).ToString(CultureInfo.InvariantCulture),
                        _ when column.Kind == ColumnKind.Enum => column.EnumWords![random.Next(column.EnumWords.Length)],
                        _ when column.Kind == ColumnKind.Bool => random.NextDouble() < 0.02 ? "true" : "false",
                        _ when column.Kind == ColumnKind.Text => "BTC-USD",
                        _ when column.Name.EndsWith("price", StringComparison.Ordinal) => ((tick + (column.Name.StartsWith("asks", StringComparison.Ordinal) ? level / 4 : -(level / 4))) / 10.0).ToString("R", CultureInfo.InvariantCulture),
                        _ => Math.Max(0.001, Math.Round(Math.Exp((random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2.0 - 4.0), 3)).ToString("R", CultureInfo.InvariantCulture),
                    };
                    level++;
                    line.Append(cell).Append(',');
                }

                line.Length--;
                writer.WriteLine(line);
            }
        }

        return (key, output.ToArray(), rows);
    }
}
