namespace TickCache.Remote.Redis;

/// <summary>Settings of a <see cref="RedisRemoteStore"/>; validated by its constructor. Not thread-safe while being filled in.</summary>
public sealed class RedisRemoteStoreOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>cache.internal:6379,password=…,ssl=true</c>. Required, unless the
    /// store is given an existing connection (then null). The store
    /// forces <c>abortConnect=false</c> and a fail-fast backlog (no queueing or retrying while disconnected: the L3 tier's
    /// breaker decides). Never shown in messages or logs (it may hold a password).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: set it, or give the store a connection.</value>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key, e.g. <c>tickcache:</c>. The tier's keys already start with the format version.</summary>
    /// <value>The default value is <c>tickcache:</c>.</value>
    public string KeyPrefix { get; set; } = "tickcache:";

    /// <summary>
    /// Largest value written or read, 1 KiB..512 MiB (Redis's limit); larger objects are not written (a later lookup is a
    /// miss), and a larger value found under a key is not read (an L3 error).
    /// Bulk values block the connection they travel on, so they get a connection of their own.
    /// </summary>
    /// <value>The default value is 128 MiB.</value>
    public long MaxValueBytes { get; set; } = 128L << 20;

    /// <summary>Optional expiry of stored objects (not of leases), &gt; 0; null keeps them until the server evicts them
    /// (run the server with <c>maxmemory</c> and <c>maxmemory-policy allkeys-lru</c>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? TimeToLive { get; set; }
}
