namespace TickCache;

/// <summary>
/// Settings of the optional L3 tier (<see cref="TickCacheOptions.RemoteCache"/>): a store shared by a fleet of workers,
/// read after an L2 miss and filled in the background after a source fetch. Validated by the
/// <see cref="TickCacheClient"/> constructor, which throws <see cref="ArgumentException"/> /
/// <see cref="ArgumentOutOfRangeException"/> naming the setting. Not thread-safe while being filled in.
/// </summary>
/// <remarks>
/// L3 fails soft: a slow, down or garbage-returning store is a counted miss within one deadline, and after
/// <see cref="BreakerFailures"/> failures in a row the circuit breaker skips L3 for <see cref="BreakDuration"/> (then
/// one probe decides). Objects are verified (length, xxHash64 of the content, chunk key, Parquet footer) before they
/// reach L2.
/// </remarks>
public sealed class RemoteCacheOptions
{
    /// <summary>The store. Required.</summary>
    /// <value>The default value is <see langword="null"/> (the constructor throws if L3 is configured without a store).</value>
    public IRemoteStore? Store { get; set; }

    /// <summary>Deadline from the request to the first bytes of an object (its envelope header), &gt; 0 and ≤ 1 day.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan TimeToFirstByte { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Body budget per MiB on top of <see cref="TimeToFirstByte"/>, between 0 and 10 minutes: a read of an <c>n</c> MiB object must finish
    /// within <c>TimeToFirstByte + n × PerMebibyte</c>; a write gets the same budget. Deadlines scale with size so large
    /// hits do not turn into misses.
    /// </summary>
    /// <value>The default value is 100 ms (a 20 MiB busy day may take 3 s).</value>
    public TimeSpan PerMebibyte { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest object read or written, 1 KiB..2 GiB; a larger one is a miss (and is not written).</summary>
    /// <value>The default value is 512 MiB (Redis's value limit).</value>
    public long MaxObjectBytes { get; set; } = 512L << 20;

    /// <summary>
    /// Store failures (errors or missed deadlines) in a row that open the circuit breaker, 1..1000. Consecutive: any
    /// success resets the count, and what succeeded before does not delay the opening.
    /// </summary>
    /// <value>The default value is 3.</value>
    public int BreakerFailures { get; set; } = 3;

    /// <summary>
    /// Deadline of the client's first L3 call, 0..5 minutes (0 = the usual deadline). Until it has an outcome, the
    /// client's other L3 calls wait for it instead of running (and timing out) on their own: a store that is only slow to
    /// start — a just-started server, the first request of a client library — costs one wait instead of opening the
    /// breaker (which would make the fleet download for itself); a store that does not answer, or fails, costs this
    /// once and opens the breaker at once (the first call is its probe: one failure, not <see cref="BreakerFailures"/>).
    /// Measured with four workers on a Ceph RGW started seconds before: 31 vendor requests for 10 chunks with 0 (every
    /// worker's breaker opened, nothing was written back), 10 with the first-call wait (7 of 8 runs; 11 in one, where a
    /// later call missed its own deadline), then 0 in the next wave (benchmarks/RESULTS.md).
    /// </summary>
    /// <value>The default value is 5 seconds (a just-started Ceph RGW answered its first call in ~2 s).</value>
    public TimeSpan FirstCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an open breaker skips L3 before one probe is let through, &gt; 0 and ≤ 1 day (the probe's failure reopens it for as long again).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Capacity of the background write-back queue in objects, 1..1024. When full, the oldest waiting write is dropped
    /// (counted in <see cref="TickCacheStatistics.RemoteWritesDropped"/>): the queue never slows a query.
    /// </summary>
    /// <value>The default value is 8 (a busy trades day is ~20 MB).</value>
    public int WriteQueueCapacity { get; set; } = 8;

    /// <summary>
    /// Fleet-wide single flight: before downloading a chunk, take a lease in the store (S3 conditional marker, Redis
    /// <c>SET NX PX</c>); workers that find the lease taken poll L3 until the object appears, the lease expires (then
    /// they take it over) or <see cref="LeaseWait"/> passes (then they download themselves). The holder renews its
    /// lease every third of <see cref="LeaseDuration"/> while it downloads, so a lease outlives a slow download but not a
    /// crashed holder. Needs an <see cref="IRemoteLeaseStore"/>: <see cref="LeaseStore"/>, or the <see cref="Store"/> itself.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool UseFleetLease { get; set; }

    /// <summary>
    /// Where the fleet leases live; when null, the <see cref="Store"/> if it implements <see cref="IRemoteLeaseStore"/>
    /// (the Redis and S3 backends do), so objects and leases can also live in two different servers.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IRemoteLeaseStore? LeaseStore { get; set; }

    /// <summary>
    /// How long a lease lasts without a renewal, &gt; 0 and ≤ 1 day: a crashed holder blocks the chunk's waiters at most this long
    /// (they take the expired lease over). Its holder renews it every third of this while it downloads.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time a worker waits for another worker's lease before downloading itself, ≥ 0.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interval between the L3 checks of a waiting worker, &gt; 0 and ≤ 1 day.</summary>
    /// <value>The default value is 250 ms.</value>
    public TimeSpan LeasePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
