using System.IO.Compression;
using System.Text;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Benchmarks;

/// <summary>
/// GENERATED data (not real): one day of BTCUSDT-like trades with realistic distributions. Timestamps: exponential
/// inter-arrival gaps in µs with same-millisecond bursts; local_timestamp = timestamp + 2–8 ms latency; ids consecutive
/// int64 from 5,266,583,935; price a 0.1-tick random walk from 61,800.0; amounts log-normal rounded to 0.001; side 52 % buy.
/// Deterministic (seed 42).
/// </summary>
internal static class GeneratedTrades
{
    public static readonly ChunkKey Key = new(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1));

    public static ChunkColumns Create(int rows)
    {
        var random = new Random(42);
        var ts = new long[rows];
        var local = new long[rows];
        var ids = new long[rows];
        var sides = new byte[rows];
        var prices = new double[rows];
        var amounts = new double[rows];
        var t = Key.StartMicros;
        var meanGap = 86_400_000_000.0 / rows;
        var tick = 618_000L;
        for (var i = 0; i < rows; i++)
        {
            t += random.NextDouble() < 0.3 ? 0 : (long)(-Math.Log(1 - random.NextDouble()) * meanGap / 0.7);
            ts[i] = t - (t % 1000);
            local[i] = t + random.Next(2_000, 8_000);
            ids[i] = 5_266_583_935L + i;
            tick += random.Next(-1, 2);
            prices[i] = tick / 10.0;
            amounts[i] = Math.Max(0.001, Math.Round(Math.Exp((random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2.0 - 4.0), 3));
            sides[i] = (byte)(random.NextDouble() < 0.52 ? TradeSide.Buy : TradeSide.Sell);
        }

        return new ChunkColumns(DatasetSchemas.For("trades"), rows, [ts, local], [prices, amounts], [sides], [], ids, null, ["BTCUSDT"], null);
    }

    /// <summary>The same rows as a Tardis trades .csv.gz (gzip level Fastest, like a quick export).</summary>
    public static byte[] ToCsvGzip(ChunkColumns columns)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(DatasetSchemas.For("trades").Header);
            for (var i = 0; i < columns.Count; i++)
            {
                writer.Write("binance-futures,BTCUSDT,");
                writer.Write(columns.Int64[0][i]);
                writer.Write(',');
                writer.Write(columns.Int64[1][i]);
                writer.Write(',');
                writer.Write(columns.NumericIds![i]);
                writer.Write(columns.Bytes[0][i] == (byte)TradeSide.Buy ? ",buy," : ",sell,");
                writer.Write(columns.Doubles[0][i].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.WriteLine(columns.Doubles[1][i].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return output.ToArray();
    }
}
