using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TickCache.Emulator;

/// <summary>
/// A Tardis-compatible HTTP server on 127.0.0.1 over a folder of <c>.csv.gz</c> files: the datasets API
/// (<c>/v1/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c>) and exchange metadata (<c>/v1/exchanges</c>, <c>/v1/exchanges/{exchange}</c>);
/// optionally also Binance's public-data layout (<c>/data/…</c>, <see cref="EmulatorOptions.BinanceDataDirectory"/>).
/// For tests, samples, benchmarks and offline work. Counters are read at serve time; thread-safe.
/// </summary>
public sealed class TardisEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<EmulatorFault> _faults = new();
    private readonly ConcurrentDictionary<string, int> _requestsByPath = new(StringComparer.Ordinal);
    private readonly Lock _waitLock = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private TaskCompletionSource _gate = CompletedGate();
    private int _inFlight;
    private int _peakInFlight;
    private int _datasetRequests;
    private int _metadataRequests;
    private int _instrumentRequests;
    private int _rateLimited;
    private long _bodyBytes;
    private long _firstRequestTimestamp;
    private long _lastRequestTimestamp;

    private TardisEmulator(WebApplication app, EmulatorOptions options, DatasetCatalog catalog)
    {
        _app = app;
        Options = options;
        Catalog = catalog;
        Limiter = options.RequestsPerSecond > 0
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.RequestsPerSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : null;
    }

    /// <summary>The datasets base URL to configure clients with, e.g. <c>http://127.0.0.1:5123/v1</c> (also the metadata base).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5123</c>: the base address of the Binance public-data layout when <see cref="EmulatorOptions.BinanceDataDirectory"/> is set.</summary>
    public Uri RootAddress { get; private set; } = null!;

    /// <summary>The self-signed TLS certificate when <see cref="EmulatorOptions.Https"/> is on, else null.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; private init; }

    /// <summary>The options it runs with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The files it serves.</summary>
    public DatasetCatalog Catalog { get; }

    /// <summary>Dataset (file) requests received, every status included.</summary>
    public int DatasetRequests => Volatile.Read(ref _datasetRequests);

    /// <summary>Metadata requests received.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>Instruments API requests received (<c>/v1/instruments/…</c>), every status included.</summary>
    public int InstrumentRequests => Volatile.Read(ref _instrumentRequests);

    /// <summary>Requests answered 429 by the server-side token bucket or a queued fault.</summary>
    public int RateLimitedResponses => Volatile.Read(ref _rateLimited);

    /// <summary>Bytes of dataset bodies served: the full file (or empty-day gzip) length per answered request, faulted ones included.</summary>
    public long ResponseBodyBytes => Interlocked.Read(ref _bodyBytes);

    /// <summary>Time from the first to the latest dataset request's arrival (zero before two requests); for rate measurements.</summary>
    public TimeSpan DatasetRequestWindow =>
        Volatile.Read(ref _firstRequestTimestamp) is var first and not 0 ? TimeProvider.System.GetElapsedTime(first, Volatile.Read(ref _lastRequestTimestamp)) : TimeSpan.Zero;

    /// <summary>Most dataset requests in flight at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    internal TokenBucketRateLimiter? Limiter { get; }

    /// <summary>Starts a server.</summary>
    /// <param name="options">Settings; <see cref="EmulatorOptions.DataDirectory"/> must exist.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    public static async Task<TardisEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var catalog = new DatasetCatalog(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = options.Https ? SelfSignedCertificate.Create() : null;
        if (certificate is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate)));
            if (options.CertificatePemPath is { } pem)
            {
                await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem(), cancellationToken);
            }
        }

        var app = builder.Build();
        var emulator = new TardisEmulator(app, options, catalog) { Certificate = certificate };
        var datasets = new DatasetsHandler(emulator);
        var metadata = new MetadataHandler(emulator);
        app.MapGet("/v1/exchanges", metadata.HandleListAsync);
        app.MapGet("/v1/exchanges/{exchange}", metadata.HandleAsync);
        app.MapGet("/v1/{exchange}/{dataType}/{yyyy}/{mm}/{dd}/{file}", datasets.HandleAsync);
        var instruments = new InstrumentsHandler(emulator, options.InstrumentsDirectory ?? (Directory.Exists(Path.Combine(options.DataDirectory, "instruments")) ? Path.Combine(options.DataDirectory, "instruments") : null));
        app.MapGet("/v1/instruments/{exchange}", instruments.HandleListAsync);
        app.MapGet("/v1/instruments/{exchange}/{id}", instruments.HandleOneAsync);
        if (options.BinanceDataDirectory is { } binance)
        {
            if (!Directory.Exists(Path.Combine(binance, "data")))
            {
                throw new DirectoryNotFoundException($"Emulator Binance data folder '{binance}' has no data/ folder: pass a folder laid out as data/{{market}}/{{daily|monthly}}/{{dataType}}/{{SYMBOL}}/{{file}}.zip.");
            }

            app.MapGet("/data/{**path}", new BinanceArchiveHandler(emulator, binance).HandleAsync);
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseAddress = new Uri(address.TrimEnd('/') + "/v1");
        emulator.RootAddress = new Uri(address.TrimEnd('/'));
        return emulator;
    }

    /// <summary>Queues a fault for the next dataset request (faults apply in order, one per request).</summary>
    /// <param name="fault">The fault.</param>
    public void EnqueueFault(EmulatorFault fault) => _faults.Enqueue(fault);

    /// <summary>
    /// Holds every dataset request after it is counted, before it is answered, until <see cref="ReleaseRequests"/>.
    /// Lets tests make concurrent callers overlap deterministically.
    /// </summary>
    public void HoldRequests()
    {
        lock (_waitLock)
        {
            if (_gate.Task.IsCompleted)
            {
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets held requests (and all later ones) proceed.</summary>
    public void ReleaseRequests()
    {
        lock (_waitLock)
        {
            _gate.TrySetResult();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> dataset requests have been received.</summary>
    /// <param name="count">The request count to wait for.</param>
    /// <returns>A task that completes then.</returns>
    public Task WaitForDatasetRequestsAsync(int count)
    {
        lock (_waitLock)
        {
            if (DatasetRequests >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    /// <summary>How many times a path was requested.</summary>
    /// <param name="path">The request path, e.g. <c>/v1/binance-futures/trades/2024/08/08/BTCUSDT.csv.gz</c>.</param>
    /// <returns>The count.</returns>
    public int RequestsFor(string path) => _requestsByPath.TryGetValue(path, out var n) ? n : 0;

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        ReleaseRequests();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Limiter?.Dispose();
        Certificate?.Dispose();
    }

    internal Task Gate
    {
        get
        {
            lock (_waitLock)
            {
                return _gate.Task;
            }
        }
    }

    internal EmulatorFault? NextFault() => _faults.TryDequeue(out var fault) ? fault : null;

    internal void CountMetadata() => Interlocked.Increment(ref _metadataRequests);

    internal void CountInstruments() => Interlocked.Increment(ref _instrumentRequests);

    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void CountBodyBytes(long bytes) => Interlocked.Add(ref _bodyBytes, bytes);

    internal void Enter(string path)
    {
        _requestsByPath.AddOrUpdate(path, 1, (_, n) => n + 1);
        var now = TimeProvider.System.GetTimestamp();
        Interlocked.CompareExchange(ref _firstRequestTimestamp, now, 0);
        Volatile.Write(ref _lastRequestTimestamp, now);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int peak;
        while (inFlight > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
        }

        var total = Interlocked.Increment(ref _datasetRequests);
        lock (_waitLock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (total >= _waiters[i].Count)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
