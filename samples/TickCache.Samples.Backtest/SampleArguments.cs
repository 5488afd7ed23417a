using System.Globalization;

namespace TickCache.Samples.Backtest;

/// <summary>Command-line options of the backtest sample.</summary>
internal sealed record SampleArguments(string CacheDirectory, Uri? Endpoint, string Exchange, string Symbol, DateTime? From, DateTime? To)
{
    public const string Usage =
        "usage: TickCache.Samples.Backtest [--cache-dir <dir>] [--endpoint <url> (tardis: with TARDIS_API_KEY; binance: e.g. https://data.binance.vision) [--metadata-endpoint <url> (tardis; default: the --endpoint base)]] [--exchange binance-futures] [--symbol BTCUSDT] [--from yyyy-MM-dd] [--to yyyy-MM-dd] " +
        "[--source tardis | --source binance | --source archive --archive <folder> [--archive-pattern tardis-client|mirror|<pattern>]] " +
        "[one shared L3: --l3-redis <StackExchange.Redis configuration> | --l3-s3 <bucket> [--l3-s3-endpoint <url>] (AWS credential chain) | --l3-http <base url> (token in TICKCACHE_L3_TOKEN)]";

    /// <summary>The L3 backend chosen (<c>redis</c>, <c>s3</c>, <c>http</c>) and its value, or null for none.</summary>
    public (string Kind, string Value)? RemoteStore { get; init; }

    /// <summary>The source: <c>tardis</c> (the datasets API, or the emulator offline), <c>binance</c> (Binance public data, or the emulator offline) or <c>archive</c> (a local folder).</summary>
    public string Source { get; init; } = "tardis";

    /// <summary>The local archive folder for <c>--source archive</c>.</summary>
    public string? Archive { get; init; }

    /// <summary>The archive's file pattern (<see cref="LocalArchiveOptions.FileNamePattern"/>).</summary>
    public string ArchivePattern { get; init; } = LocalArchiveOptions.OfficialClientPattern;

    /// <summary>The metadata base for <c>--endpoint</c> with the Tardis source (null: the datasets base itself, or the public API for the public datasets host).</summary>
    public Uri? MetadataEndpoint { get; init; }

    /// <summary>The S3 endpoint for <c>--l3-s3</c> (null: AWS S3).</summary>
    public Uri? S3Endpoint { get; init; }

    public static SampleArguments Parse(string[] args)
    {
        var parsed = new SampleArguments(TickCacheOptions.DefaultCacheDirectory, null, "binance-futures", "BTCUSDT", null, null);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {name} needs a value. {Usage}");
            parsed = name switch
            {
                "--cache-dir" => parsed with { CacheDirectory = value },
                "--endpoint" => parsed with { Endpoint = Url(value, name) },
                "--metadata-endpoint" => parsed with { MetadataEndpoint = Url(value, name) },
                "--exchange" => parsed with { Exchange = value },
                "--symbol" => parsed with { Symbol = value },
                "--from" => parsed with { From = Day(value, name) },
                "--to" => parsed with { To = Day(value, name) },
                "--l3-redis" or "--l3-s3" or "--l3-http" when parsed.RemoteStore is not null =>
                    throw new ArgumentException($"Pass one shared L3 at most (got {name} after --l3-{parsed.RemoteStore.Value.Kind}). {Usage}"),
                "--l3-redis" => parsed with { RemoteStore = ("redis", value) },
                "--l3-s3" => parsed with { RemoteStore = ("s3", value) },
                "--l3-http" => parsed with { RemoteStore = ("http", Url(value, name).AbsoluteUri) },
                "--l3-s3-endpoint" => parsed with { S3Endpoint = Url(value, name) },
                "--source" when value is "tardis" or "binance" or "archive" => parsed with { Source = value },
                "--source" => throw new ArgumentException($"--source '{value}' is not a source of this sample: use tardis, binance or archive. {Usage}"),
                "--archive" => parsed with { Archive = value },
                "--archive-pattern" => parsed with
                {
                    ArchivePattern = value switch
                    {
                        "tardis-client" => LocalArchiveOptions.OfficialClientPattern,
                        "mirror" => LocalArchiveOptions.DatasetsMirrorPattern,
                        _ => value,
                    },
                },
                _ => throw new ArgumentException($"Unknown option '{name}'. {Usage}"),
            };
        }

        if ((parsed.From is null) != (parsed.To is null) || (parsed.Endpoint is not null && parsed.From is null))
        {
            throw new ArgumentException($"Pass both --from and --to (required with --endpoint). {Usage}");
        }

        if ((parsed.Source == "archive") != (parsed.Archive is not null) || (parsed.Source == "archive" && parsed.Endpoint is not null))
        {
            throw new ArgumentException($"--source archive goes with --archive <folder> (and without --endpoint), and --archive with --source archive. {Usage}");
        }

        if (parsed.MetadataEndpoint is not null && (parsed.Endpoint is null || parsed.Source != "tardis"))
        {
            throw new ArgumentException($"--metadata-endpoint goes with --endpoint and the tardis source. {Usage}");
        }

        if (parsed.S3Endpoint is not null && parsed.RemoteStore?.Kind != "s3")
        {
            throw new ArgumentException($"--l3-s3-endpoint goes with --l3-s3 <bucket>. {Usage}");
        }

        return parsed;
    }

    private static Uri Url(string value, string name) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ArgumentException($"{name} '{value}' is not an absolute http(s) URL. {Usage}");

    private static DateTime Day(string value, string name) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : throw new ArgumentException($"{name} '{value}' is not a date in yyyy-MM-dd form (UTC). {Usage}");
}
