using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

namespace TickCache.Compare;

/// <summary>
/// The naive approach of the original design, in C#: one day after another, no cache, no concurrency — GET the
/// .csv.gz, gunzip, <c>ReadLine</c> + <c>Split(',')</c> + <c>double.Parse</c> into trade objects, then copy them into
/// columns and checksum.
/// </summary>
internal static class NaiveContender
{
    private sealed record NaiveTrade(long Timestamp, long LocalTimestamp, string Id, string Side, double Price, double Amount);

    public static async Task<ContenderReport> RunAsync(ContenderArguments args)
    {
        var pinned = PinnedHttps.Create(args.CertificatePem); // harness plumbing: before the clock, as in every contender
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient(pinned) { Timeout = TimeSpan.FromMinutes(10) };
        var sum = new TapeChecksum();
        for (var day = args.From; day < args.To; day = day.AddDays(1))
        {
            var url = $"{args.Endpoint}/{TradeTape.Exchange}/trades/{day.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture)}/{args.Symbol}.csv.gz";
            await using var body = await http.GetStreamAsync(new Uri(url));
            using var reader = new StreamReader(new GZipStream(body, CompressionMode.Decompress));
            var trades = new List<NaiveTrade>();
            await reader.ReadLineAsync(); // header
            while (await reader.ReadLineAsync() is { } line)
            {
                var cells = line.Split(',');
                trades.Add(new NaiveTrade(
                    long.Parse(cells[2], CultureInfo.InvariantCulture),
                    long.Parse(cells[3], CultureInfo.InvariantCulture),
                    cells[4],
                    cells[5],
                    double.Parse(cells[6], CultureInfo.InvariantCulture),
                    double.Parse(cells[7], CultureInfo.InvariantCulture)));
            }

            sum.Add(trades.Select(t => t.Price).ToArray(), trades.Select(t => t.Amount).ToArray());
        }

        return sum.ToReport(clock.Elapsed);
    }
}
