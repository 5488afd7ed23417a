using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;

namespace TickCache.Compare;

/// <summary>
/// GENERATED data (not real): days of BTCUSDT-like Binance-futures trades as Tardis <c>trades</c> .csv.gz files.
/// Per day (seed 42 + day index, deterministic): exponential inter-arrival gaps in µs with 30 % same-millisecond bursts;
/// local_timestamp = timestamp + 2–8 ms; consecutive int64 ids; price a 0.1-tick random walk from 61,800.0; amounts
/// log-normal rounded to 0.001; 52 % buys. The same distributions as the BenchmarkDotNet suites' generated day.
/// </summary>
internal static class TradeTape
{
    public const string Exchange = "binance-futures";

    /// <summary>Writes <paramref name="days"/> files of <paramref name="rowsPerDay"/> rows from <paramref name="firstDay"/>; existing files are kept.</summary>
    public static void Write(string dataDirectory, string symbol, DateTime firstDay, int days, int rowsPerDay)
    {
        Parallel.For(0, days, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, d =>
        {
            var day = firstDay.AddDays(d);
            var path = Path.Combine(dataDirectory, "v1", Exchange, "trades", day.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), symbol + ".csv.gz");
            if (File.Exists(path))
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                WriteDay(gzip, symbol, day, rowsPerDay, 42 + d);
            }

            File.Move(temp, path, overwrite: true);
        });
    }

    private static void WriteDay(Stream output, string symbol, DateTime day, int rows, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        var used = 0;
        Append(buffer, ref used, "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"u8);
        var prefix = System.Text.Encoding.ASCII.GetBytes($"{Exchange},{symbol},");
        var t = (day - DateTime.UnixEpoch).Ticks / 10;
        var meanGap = 0.95 * 86_400_000_000.0 / rows; // ends ~1 h before midnight: every row stays inside its day
        var tick = 618_000L;
        var id = 5_266_583_935L + ((long)seed * rows);
        for (var i = 0; i < rows; i++)
        {
            if (used > buffer.Length - 256)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }

            t += random.NextDouble() < 0.3 ? 0 : (long)(-Math.Log(1 - random.NextDouble()) * meanGap / 0.7);
            var local = t + random.Next(2_000, 8_000);
            tick += random.Next(-1, 2);
            var amount = Math.Max(0.001, Math.Round(Math.Exp((random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2.0 - 4.0), 3));
            var buy = random.NextDouble() < 0.52;
            Append(buffer, ref used, prefix);
            Number(buffer, ref used, t - (t % 1000), ',');
            Number(buffer, ref used, local, ',');
            Number(buffer, ref used, id + i, ',');
            Append(buffer, ref used, buy ? "buy,"u8 : "sell,"u8);
            Number(buffer, ref used, tick / 10.0, ',');
            Number(buffer, ref used, amount, '\n');
        }

        output.Write(buffer, 0, used);
    }

    private static void Append(byte[] buffer, ref int used, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(used));
        used += bytes.Length;
    }

    private static void Number(byte[] buffer, ref int used, long value, char separator)
    {
        Utf8Formatter.TryFormat(value, buffer.AsSpan(used), out var written);
        used += written;
        buffer[used++] = (byte)separator;
    }

    private static void Number(byte[] buffer, ref int used, double value, char separator)
    {
        value.TryFormat(buffer.AsSpan(used), out var written, "R", CultureInfo.InvariantCulture);
        used += written;
        buffer[used++] = (byte)separator;
    }
}
