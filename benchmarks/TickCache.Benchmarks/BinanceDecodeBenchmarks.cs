using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Sources.BinancePublicData;

namespace TickCache.Benchmarks;

/// <summary>
/// Binance public-data zip → verified, validated columns: SHA-256 of the zip, the zip directory, inflate and decode of
/// its one CSV, 1 M GENERATED USD-M trades (the <see cref="GeneratedTrades"/> rows, times in ms) from memory
/// (rows/s = 1e6 / mean).
/// </summary>
[MemoryDiagnoser]
public class BinanceDecodeBenchmarks
{
    private static readonly ChunkKey Key = new(TickSources.BinancePublicData, "binance-futures", "trades", "BTCUSDT", GeneratedTrades.Key.StartUtc, TimeSpan.FromDays(1), folder: TickSources.BinancePublicData);
    private static readonly BinanceLayout Layout = BinanceLayout.Of(BinanceMarketKind.UsdM, "trades")!;
    private byte[] _zip = [];

    [GlobalSetup]
    public void Setup() => _zip = ToZip(GeneratedTrades.Create(1_000_000));

    [Benchmark]
    public async Task<int> DecodeMillionBinanceTrades()
    {
        using var body = new MemoryStream(_zip, writable: false);
        using var zip = await BufferedZip.ReadAsync(body, _zip.Length, CancellationToken.None);
        var columns = await zip.DecodeSingleCsvAsync(Key, "generated", (csv, length, name) => BinanceCsvDecoder.DecodeAsync(csv, length, Key, Layout, name, CancellationToken.None));
        return columns.Count;
    }

    /// <summary>The rows as a USD-M trades zip: header, <c>id,price,qty,quote_qty,time,is_buyer_maker</c>, deflate (optimal, like the archive's).</summary>
    private static byte[] ToZip(ChunkColumns columns)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("BTCUSDT-trades-2024-08-08.csv", CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(Layout.Header);
            for (var i = 0; i < columns.Count; i++)
            {
                var price = columns.Doubles[0][i];
                var amount = columns.Doubles[1][i];
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{columns.NumericIds![i]},{price:0.0#},{amount},{Math.Round(price * amount, 8)},{columns.Int64[0][i] / 1000},{(columns.Bytes[0][i] == (byte)TradeSide.Sell ? "true" : "false")}"));
                writer.Write('\n');
            }
        }

        return output.ToArray();
    }
}
