using System.CommandLine;

namespace TickCache.Cli;

/// <summary>Builds the client a command runs with from the shared options.</summary>
internal static class ClientFactory
{
    public static string SourceId(ParseResult result) => result.GetValue(CliOptions.Source) switch
    {
        "tardis" => TickSources.TardisDatasets,
        "binance" => TickSources.BinancePublicData,
        "archive" => TickSources.LocalArchive,
        var other => throw new ArgumentException($"--source '{other}' is not a source: use tardis, binance or archive."),
    };

    public static TickCacheClient Create(ParseResult result)
    {
        var options = new TickCacheOptions { ApiKey = result.GetValue(CliOptions.ApiKey) };
        if (result.GetValue(CliOptions.CacheDir) is { } cache)
        {
            options.CacheDirectory = cache;
        }

        var source = SourceId(result);
        if (result.GetValue(CliOptions.Endpoint) is { } text)
        {
            var endpoint = Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? url
                : throw new ArgumentException($"--endpoint '{text}' is not an absolute http(s) URL.");
            if (source == TickSources.BinancePublicData)
            {
                options.BinancePublicData.Endpoint = endpoint;
            }
            else
            {
                options.DatasetsEndpoint = endpoint;
                options.MetadataEndpoint = endpoint;
            }
        }

        var archive = result.GetValue(CliOptions.Archive);
        if (source == TickSources.LocalArchive && archive is null)
        {
            throw new ArgumentException("--source archive needs --archive <folder>.");
        }

        if (archive is not null)
        {
            options.LocalArchive = new LocalArchiveOptions { Directory = archive };
        }

        return new TickCacheClient(options);
    }
}
