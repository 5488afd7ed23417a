namespace TickCache;

/// <summary>The settings of the Tardis datasets API source (declared beside it; see <see cref="TickCacheOptions"/>).</summary>
public sealed partial class TickCacheOptions
{
    /// <summary>The environment variable read for <see cref="ApiKey"/> when it is not set: <c>TARDIS_API_KEY</c>.</summary>
    public const string ApiKeyEnvironmentVariable = "TARDIS_API_KEY";

    /// <summary>
    /// Base address of the Tardis datasets API; files are requested at
    /// <c>{DatasetsEndpoint}/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c>.
    /// Plain <c>http://</c> is accepted for loopback hosts only, unless <see cref="AllowInsecureHttp"/> is set.
    /// </summary>
    /// <value>The default value is <c>https://datasets.tardis.dev/v1</c>.</value>
    public Uri DatasetsEndpoint { get; set; } = new("https://datasets.tardis.dev/v1");

    /// <summary>
    /// Base address of the Tardis metadata API (<c>{MetadataEndpoint}/exchanges/{exchange}</c>, no key needed), read
    /// for <c>datasets.exportedUntil</c> when a chunk is recent enough that it may not be final yet.
    /// </summary>
    /// <value>The default value is <c>https://api.tardis.dev/v1</c>.</value>
    public Uri MetadataEndpoint { get; set; } = new("https://api.tardis.dev/v1");

    /// <summary>
    /// Tardis API key, sent as <c>Authorization: Bearer</c> for every day except the first of a month (which is free).
    /// Never logged, never part of an exception message, a metric, a key or a path.
    /// </summary>
    /// <value>The default value is the <c>TARDIS_API_KEY</c> environment variable, or none.</value>
    public string? ApiKey { get; set; }

    /// <summary>
    /// How long after its end a chunk becomes final when the source's <c>datasets.exportedUntil</c> cannot be read.
    /// Tardis exports a day around 06:00 UTC the next day. A chunk that is not final is served but never written to L2.
    /// Between 0 and 365 days.
    /// </summary>
    /// <value>The default value is 1 day.</value>
    public TimeSpan FinalizationDelay { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Check each chunk against the exchange metadata before downloading it (exchange, symbol, data type, dates): a
    /// chunk that cannot exist fails with an <see cref="ArgumentException"/> naming what is available instead. Costs one
    /// metadata request per exchange per 5 minutes, and only when something must be downloaded.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ValidateWithMetadata { get; set; } = true;

    /// <summary>
    /// How long instrument definitions read from the Tardis instruments API (<c>{MetadataEndpoint}/instruments/{exchange}</c>,
    /// needs <see cref="ApiKey"/>) are used before they are read again. They are kept in the cache folder (and in memory),
    /// so a backtest reads them once and then offline; when a refresh fails, the stored copy keeps serving. Between 1
    /// minute and 365 days.
    /// </summary>
    /// <value>The default value is 1 day (definitions change rarely: tick sizes, fees, new listings).</value>
    public TimeSpan InstrumentsRefreshInterval { get; set; } = TimeSpan.FromDays(1);
}
