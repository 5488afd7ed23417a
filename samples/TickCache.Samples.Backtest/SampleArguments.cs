using System.Globalization;

namespace TickCache.Samples.Backtest;

/// <summary>Command-line options of the backtest sample.</summary>
internal sealed record SampleArguments(string CacheDirectory, Uri? Endpoint, string Exchange, string Symbol, DateTime? From, DateTime? To)
{
    public const string Usage =
        "usage: TickCache.Samples.Backtest [--cache-dir <dir>] [--endpoint <url> (with TARDIS_API_KEY)] [--exchange binance-futures] [--symbol BTCUSDT] [--from yyyy-MM-dd] [--to yyyy-MM-dd]";

    public static SampleArguments Parse(string[] args)
    {
        var parsed = new SampleArguments(DefaultCacheDirectory(), null, "binance-futures", "BTCUSDT", null, null);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {name} needs a value. {Usage}");
            parsed = name switch
            {
                "--cache-dir" => parsed with { CacheDirectory = value },
                "--endpoint" => parsed with { Endpoint = new Uri(value) },
                "--exchange" => parsed with { Exchange = value },
                "--symbol" => parsed with { Symbol = value },
                "--from" => parsed with { From = Day(value, name) },
                "--to" => parsed with { To = Day(value, name) },
                _ => throw new ArgumentException($"Unknown option '{name}'. {Usage}"),
            };
        }

        if ((parsed.From is null) != (parsed.To is null) || (parsed.Endpoint is not null && parsed.From is null))
        {
            throw new ArgumentException($"Pass both --from and --to (required with --endpoint). {Usage}");
        }

        return parsed;
    }

    /// <summary>The user's cache directory: $XDG_CACHE_HOME or ~/.cache on Unix, LocalApplicationData on Windows; plus /TickCache.</summary>
    private static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "TickCache");
    }

    private static DateTime Day(string value, string name) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : throw new ArgumentException($"{name} '{value}' is not a date in yyyy-MM-dd form (UTC). {Usage}");
}
