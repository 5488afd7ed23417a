using StackExchange.Redis;
using TickCache.Validation;

namespace TickCache.Remote.Redis;

/// <summary>
/// An <see cref="IRemoteStore"/> on a Redis-protocol server, through StackExchange.Redis (the one file using it): values
/// with <c>GET</c> (into a pooled lease), <c>SET NX [PX]</c> and <c>DEL</c>, existence with <c>EXISTS</c>, leases with
/// <c>SET NX PX</c> and a compare-and-delete script. Two connections: one for bulk values (a 20 MB value would block
/// every command queued behind it), one for small commands. Both start connecting when the store is created (so a
/// worker's first L3 call does not pay two connects inside its deadline) and reconnect by themselves; while the server is
/// down calls fail fast. Thread-safe; dispose it after the clients using it.
/// </summary>
public sealed class RedisRemoteStore : IRemoteStore, IRemoteLeaseStore, IDisposable
{
    private const string BulkName = "tickcache-bulk";
    private const string CommandsName = "tickcache-commands";
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private const string RenewScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private readonly ConfigurationOptions? _configuration;
    private readonly RedisRemoteStoreOptions _options;
    private readonly Lock _gate = new();
    private readonly bool _owned = true;
    private Task<IConnectionMultiplexer> _bulk;
    private Task<IConnectionMultiplexer> _commands;
    private bool _disposed;

    /// <summary>Creates the store and starts connecting in the background (never blocks, never fails on an unreachable server).</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>Configuration</c> is missing, cannot be parsed or names no endpoint (the
    /// message never repeats it); <c>KeyPrefix</c> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><c>MaxValueBytes</c> or <c>TimeToLive</c> is out of range.</exception>
    public RedisRemoteStore(RedisRemoteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = RemoteStoreSettings.RequireValue(options.Configuration, "RedisRemoteStoreOptions.Configuration", "a StackExchange.Redis configuration string such as host:6379,password=…");
        try
        {
            _configuration = ConfigurationOptions.Parse(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException)
        {
            throw new ArgumentException("RedisRemoteStoreOptions.Configuration cannot be parsed as a StackExchange.Redis configuration string (its text is not shown: it may hold a password).", nameof(options));
        }

        if (_configuration.EndPoints.Count == 0)
        {
            throw new ArgumentException("RedisRemoteStoreOptions.Configuration names no endpoint: start it with host:port.", nameof(options));
        }

        Check(options);
        _configuration.AbortOnConnectFail = false;
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _options = options;
        Name = $"redis://{_configuration.EndPoints[0]}/{options.KeyPrefix}";
        _bulk = ConnectAsync(BulkName);
        _commands = ConnectAsync(CommandsName);
    }

    /// <summary>
    /// Creates the store on the application's own connection (e.g. the <see cref="IConnectionMultiplexer"/> singleton it
    /// already registered), which it uses for values and commands alike and never disposes; reconnecting is the
    /// connection's business. <see cref="RedisRemoteStoreOptions.Configuration"/> must be null (the connection has its
    /// own); the other settings apply.
    /// </summary>
    /// <param name="connection">The connection to use.</param>
    /// <param name="options">The settings (<see langword="null"/> for the defaults).</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>Configuration</c> is set as well; <c>KeyPrefix</c> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><c>MaxValueBytes</c> or <c>TimeToLive</c> is out of range.</exception>
    public RedisRemoteStore(IConnectionMultiplexer connection, RedisRemoteStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new RedisRemoteStoreOptions();
        if (options.Configuration is not null)
        {
            throw new ArgumentException("RedisRemoteStoreOptions.Configuration is set although a connection was given: leave it null (the connection has its own configuration).", nameof(options));
        }

        Check(options);
        _options = options;
        _owned = false;
        var endpoints = connection.GetEndPoints();
        Name = $"redis://{(endpoints.Length > 0 ? endpoints[0] : "connection")}/{options.KeyPrefix}";
        _bulk = _commands = Task.FromResult(connection);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <remarks><c>STRLEN</c> first (on the command connection), so a value above
    /// <see cref="RedisRemoteStoreOptions.MaxValueBytes"/> is never pulled into memory; then one <c>GET</c> into a pooled
    /// lease decides, alone, whether there is an object and what it holds (<c>STRLEN</c> is 0 for a missing key and for
    /// an empty value alike, and a second question could straddle another worker's write).</remarks>
    /// <exception cref="RedisException">The server cannot be reached or answered an error (any StackExchange.Redis type).</exception>
    /// <exception cref="InvalidDataException">The value is larger than <see cref="RedisRemoteStoreOptions.MaxValueBytes"/>.</exception>
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var commands = (await Connection(ref _commands, CommandsName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var length = await commands.StringLengthAsync(Key(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
        RequireWithinCap(key, length);
        var db = (await Connection(ref _bulk, BulkName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var lease = await db.StringGetLeaseAsync(Key(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return null;
        }

        if (lease.Length > _options.MaxValueBytes)
        {
            // written after STRLEN (e.g. a missing key that another worker then filled): still never handed on above the cap.
            var read = lease.Length;
            lease.Dispose();
            RequireWithinCap(key, read);
        }

        if (lease.Length == 0)
        {
            // an empty value is an object (a damaged one, which the reader rejects and deletes), not "no object", or its
            // key would block every write-back.
            lease.Dispose();
            return new MemoryStream([], writable: false);
        }

        return new LeaseStream(lease);
    }

    /// <inheritdoc />
    /// <returns><see langword="false"/> also when the value exceeds <see cref="RedisRemoteStoreOptions.MaxValueBytes"/> (not written).</returns>
    /// <exception cref="RedisException">The server cannot be reached or answered an error.</exception>
    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (content.Length > _options.MaxValueBytes)
        {
            return false;
        }

        var db = (await Connection(ref _bulk, BulkName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        return await db.StringSetAsync(Key(key), content, _options.TimeToLive, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="RedisException">The server cannot be reached or answered an error.</exception>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var db = (await Connection(ref _commands, CommandsName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        await db.KeyDeleteAsync(Key(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="RedisException">The server cannot be reached or answered an error.</exception>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var db = (await Connection(ref _commands, CommandsName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        return await db.KeyExistsAsync(Key(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks><c>SET key holder NX PX duration</c>: the server expires a crashed holder's lease by itself.</remarks>
    /// <exception cref="RedisException">The server cannot be reached or answered an error.</exception>
    public async Task<bool> TryAcquireLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var db = (await Connection(ref _commands, CommandsName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        return await db.StringSetAsync(Key(key), holder, duration, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="RedisException">The server cannot be reached or answered an error.</exception>
    public async Task ReleaseLeaseAsync(string key, string holder, CancellationToken cancellationToken)
    {
        var db = (await Connection(ref _commands, CommandsName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        await db.ScriptEvaluateAsync(ReleaseScript, [Key(key)], [holder]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A compare-and-<c>PEXPIRE</c> script: only the holder's lease is extended.</remarks>
    /// <exception cref="RedisException">The server cannot be reached or answered an error.</exception>
    public async Task<bool> RenewLeaseAsync(string key, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var db = (await Connection(ref _commands, CommandsName).WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var result = await db.ScriptEvaluateAsync(RenewScript, [Key(key)], [holder, (long)duration.TotalMilliseconds]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <summary>Closes the connections it opened (one still connecting is closed when its connect completes); a connection given to it stays open.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        if (!_owned)
        {
            return;
        }

        foreach (var connection in new[] { _bulk, _commands })
        {
            connection.ContinueWith(
                static t => t.Result.Dispose(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>The connection in <paramref name="slot"/>; a connect that failed (it normally cannot: AbortOnConnectFail is
    /// off) is started again rather than cached.</summary>
    private Task<IConnectionMultiplexer> Connection(ref Task<IConnectionMultiplexer> slot, string clientName)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (slot.IsFaulted || slot.IsCanceled)
            {
                _ = slot.Exception; // observed: the next call reports its own failure
                slot = ConnectAsync(clientName);
            }

            return slot;
        }
    }

    private void RequireWithinCap(string key, long length)
    {
        if (length > _options.MaxValueBytes)
        {
            throw new InvalidDataException(
                $"The value under '{key}' is {length:N0} bytes, above MaxValueBytes ({_options.MaxValueBytes:N0}); it was not read. Delete it or raise MaxValueBytes.");
        }
    }

    private RedisKey Key(string key) => _options.KeyPrefix + key;

    private async Task<IConnectionMultiplexer> ConnectAsync(string clientName)
    {
        var configuration = _configuration!.Clone();
        configuration.ClientName = clientName;
        return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
    }

    private static void Check(RedisRemoteStoreOptions options)
    {
        if (options.KeyPrefix is null)
        {
            throw new ArgumentException("RedisRemoteStoreOptions.KeyPrefix is null: use \"\" for no prefix.", nameof(options));
        }

        if (options.MaxValueBytes is < 1024 or > 512L << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxValueBytes, "RedisRemoteStoreOptions.MaxValueBytes must be between 1024 and 536870912 (Redis's value limit).");
        }

        if (options.TimeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), ttl, "RedisRemoteStoreOptions.TimeToLive must be positive, or null for no expiry.");
        }
    }
}
