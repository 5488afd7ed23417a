using System.Globalization;
using TickCache.Planning;

namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// Where a chunk's file is in the archive: <c>{endpoint}/data/{market}/{daily|monthly}/{fileType}/{SYMBOL}/{SYMBOL}-{fileType}-{date}.zip</c>
/// (<c>date</c> = <c>yyyy-MM-dd</c> for a day chunk, <c>yyyy-MM</c> for a month chunk) and its checksum beside it at
/// <c>….zip.CHECKSUM</c>. Source: the binance-public-data README. Immutable.
/// </summary>
/// <param name="Zip">The zip's URL.</param>
/// <param name="Checksum">The checksum file's URL.</param>
/// <param name="ZipName">The zip's file name, as the checksum file names it.</param>
internal sealed record BinanceFile(Uri Zip, Uri Checksum, string ZipName)
{
    public static BinanceFile Of(string endpoint, BinanceMarket market, BinanceLayout layout, ChunkKey key)
    {
        var period = key.IsMonth ? "monthly" : "daily";
        var date = key.StartUtc.ToString(key.IsMonth ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var symbol = Uri.EscapeDataString(key.Symbol);
        var name = $"{symbol}-{layout.FileType}-{date}.zip";
        var zip = $"{endpoint}/data/{market.Path}/{period}/{layout.FileType}/{symbol}/{name}";
        return new BinanceFile(new Uri(zip), new Uri(zip + ".CHECKSUM"), name);
    }
}
