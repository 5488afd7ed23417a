namespace TickCache;

/// <summary>
/// Settings of the source <see cref="TickSources.BinancePublicData"/> (Binance's free public archive, no key): where it
/// is, whether closed months are read as one monthly file, and its request limits (<see cref="TickCacheOptions.BinancePublicData"/>).
/// Read once by the client's constructor, which validates them. Not thread-safe while being filled in.
/// </summary>
public sealed class BinancePublicDataOptions
{
    /// <summary>
    /// Base address of the archive; files are requested at
    /// <c>{Endpoint}/data/{spot|futures/um|futures/cm}/{daily|monthly}/{dataType}/{SYMBOL}/{SYMBOL}-{dataType}-{date}.zip</c>
    /// and its <c>.zip.CHECKSUM</c>. Plain <c>http://</c> is accepted for loopback hosts only, unless
    /// <see cref="TickCacheOptions.AllowInsecureHttp"/> is set.
    /// </summary>
    /// <value>The default value is <c>https://data.binance.vision</c>.</value>
    public Uri Endpoint { get; set; } = new("https://data.binance.vision");

    /// <summary>
    /// Whether a closed month that a query covers entirely (every UTC day of it intersects the range) is read as its one
    /// <c>monthly</c> file instead of ~30 <c>daily</c> files (the same rows: one request instead of ~30). A month some of
    /// whose days are already cached is read as days, so a cached day is never downloaded again. Turn off to bound a
    /// chunk to one day (a month of the most traded symbols is hundreds of millions of rows, decoded at once).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseMonthlyFiles { get; set; } = true;

    /// <summary>
    /// How long after a month ends its monthly file is relied on (Binance uploads monthly files in the first days of the
    /// next month); before that, the month is read as daily files. 0 to 31 days.
    /// </summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan MonthlyFileDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Token-bucket refill rate of this source's downloads (one token per attempt at a file, which is two requests: its
    /// CHECKSUM and its zip), &gt; 0 and ≤ 100000; the burst is one second's worth. Binance publishes no limit for this archive (a CDN in front of an object store); 10 per second with
    /// <see cref="MaxConcurrentRequests"/> 4 downloads a month of daily files in seconds while staying polite.
    /// </summary>
    /// <value>The default value is 10.</value>
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Most downloads from this source in flight at once, 1..256 (files are large: bandwidth, not latency, is the limit).</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrentRequests { get; set; } = 4;
}
