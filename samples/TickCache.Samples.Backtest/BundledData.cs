using System.Globalization;
using TickCache.Emulator;

namespace TickCache.Samples.Backtest;

/// <summary>The days the bundled real data has trades for (copied next to the sample as <c>data/</c>), as runs of consecutive UTC days.</summary>
internal static class BundledData
{
    /// <summary>The bundled folder in Binance's public-data layout (<c>data/…</c> below it).</summary>
    public static string BinanceFolder => Path.Combine(AppContext.BaseDirectory, "data", "binance-public-data");

    /// <summary>The days of the Tardis-format trades files of a symbol.</summary>
    public static IEnumerable<DateTime> TardisTradeDays(DatasetCatalog catalog, string exchange, string symbol) =>
        catalog.Exchange(exchange)?.GetValueOrDefault(TardisDataTypes.Trades)?.GetValueOrDefault(symbol.ToUpperInvariant()) ?? Enumerable.Empty<DateTime>();

    /// <summary>The days of the daily Binance-format trades files of a symbol (<c>{SYMBOL}-trades-{yyyy-MM-dd}.zip</c>).</summary>
    public static IEnumerable<DateTime> BinanceTradeDays(string exchange, string symbol)
    {
        var market = exchange switch
        {
            "binance" => "spot",
            "binance-futures" => Path.Combine("futures", "um"),
            "binance-delivery" => Path.Combine("futures", "cm"),
            _ => throw new ArgumentException($"Binance public data has no exchange '{exchange}': use binance, binance-futures or binance-delivery."),
        };
        var folder = Path.Combine(BinanceFolder, "data", market, "daily", "trades", symbol.ToUpperInvariant());
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.zip").Select(f => DateTime.ParseExact(Path.GetFileNameWithoutExtension(f)[^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).Order()
            : [];
    }

    /// <summary>Every run of consecutive days, as half-open UTC ranges; an error naming the symbol when there is none.</summary>
    public static List<(DateTime From, DateTime To)> Ranges(IEnumerable<DateTime> days, string exchange, string symbol)
    {
        var ranges = new List<(DateTime From, DateTime To)>();
        foreach (var day in days.Select(d => DateTime.SpecifyKind(d, DateTimeKind.Utc)))
        {
            if (ranges.Count > 0 && ranges[^1].To == day)
            {
                ranges[^1] = (ranges[^1].From, day.AddDays(1));
            }
            else
            {
                ranges.Add((day, day.AddDays(1)));
            }
        }

        return ranges.Count > 0 ? ranges : throw new ArgumentException($"The bundled data has no {exchange} trades for {symbol}.");
    }
}
