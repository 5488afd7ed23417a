using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TickCache.Remote.Http;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Tests.Remote;

/// <summary>
/// The L3 breaker on a fake clock, with no server: it opens after exactly BreakerFailures failures in a row, however
/// many successes came before; skips while open; lets exactly one probe through after BreakDuration; the probe's
/// outcome closes or reopens it; a cancelled probe is no outcome. With FirstCallTimeout set (the default), the client's
/// first call runs alone while the others wait for its outcome.
/// </summary>
public sealed class RemoteBreakerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 8, 8, 0, 0, 0, TimeSpan.Zero));
    private readonly CacheCounters _counters = new();
    private readonly HttpRemoteStore _store = new(new HttpRemoteStoreOptions { BaseAddress = new Uri("https://cache.internal") });
    private readonly RemoteBreaker _breaker;

    public RemoteBreakerTests()
    {
        var options = new RemoteCacheOptions { Store = _store, BreakerFailures = 3, BreakDuration = TimeSpan.FromSeconds(30), FirstCallTimeout = TimeSpan.Zero };
        _breaker = new RemoteBreaker(options, "test", NullLogger.Instance, _counters, _time);
    }

    [Fact]
    public async Task FirstContact_OtherCallsWaitForTheFirstCall_ThenAllRun_NothingCountedAsAFailure()
    {
        var breaker = FirstContactBreaker();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? firstFlag = null;
        var first = breaker.TryRunAsync((isFirst, _) => { firstFlag = isFirst; return gate.Task; }, CancellationToken.None);
        var ran = 0;
        var flags = new List<bool>();
        var waiting = Enumerable.Range(0, 3).Select(i => breaker.TryRunAsync((isFirst, _) => { lock (flags) { flags.Add(isFirst); } Interlocked.Increment(ref ran); return Task.FromResult(i); }, CancellationToken.None)).ToList();

        Assert.True(firstFlag);
        Assert.Equal(0, ran);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        gate.SetResult(7);

        Assert.Equal(7, (await first)!.Value);
        Assert.Equal([0, 1, 2], (await Task.WhenAll(waiting)).Select(b => b!.Value));
        Assert.Equal(3, ran);
        Assert.All(flags, Assert.False);
        Assert.Equal(0, _counters.Snapshot().RemoteBreakerOpenings);
    }

    [Fact]
    public async Task FirstContact_TheFirstCallFailing_OpensTheBreakerAtOnce_TheWaitingCallsAreSkipped()
    {
        var breaker = FirstContactBreaker();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = breaker.TryRunAsync((_, _) => gate.Task, CancellationToken.None);
        var ran = 0;
        var waiting = Enumerable.Range(0, 3).Select(_ => breaker.TryRunAsync((_, _) => Task.FromResult(Interlocked.Increment(ref ran)), CancellationToken.None)).ToList();

        gate.SetException(new RemoteFailureException("the deadline passed", new TimeoutException()));

        await Assert.ThrowsAsync<RemoteFailureException>(() => first);
        Assert.All(await Task.WhenAll(waiting), Assert.Null);
        Assert.Equal(0, ran);
        Assert.Equal(1, _counters.Snapshot().RemoteBreakerOpenings);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await breaker.TryRunAsync((isFirst, _) => Task.FromResult(isFirst ? 0 : 1), CancellationToken.None))!.Value); // an ordinary probe
    }

    [Fact]
    public async Task FirstContact_ACancelledFirstCall_IsNoOutcome_AWaitingCallBecomesTheFirst()
    {
        var breaker = FirstContactBreaker();
        using var cancel = new CancellationTokenSource();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = breaker.TryRunAsync((_, _) => gate.Task, cancel.Token);
        var next = breaker.TryRunAsync((isFirst, _) => Task.FromResult(isFirst), CancellationToken.None);

        await cancel.CancelAsync();
        gate.SetCanceled(cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.True((await next)!.Value);
        Assert.False((await breaker.TryRunAsync((isFirst, _) => Task.FromResult(isFirst), CancellationToken.None))!.Value);
        Assert.Equal(0, _counters.Snapshot().RemoteBreakerOpenings);
    }

    [Fact]
    public async Task ManySuccessesThenFailures_OpensOnTheThirdFailureInARow_ThenSkipsEveryCall()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.NotNull(await _breaker.TryRunAsync(_ => Task.FromResult(1), CancellationToken.None));
        }

        var calls = 0;
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<RemoteFailureException>(() => _breaker.TryRunAsync<int>(_ => Fail(ref calls), CancellationToken.None));
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Null(await _breaker.TryRunAsync<int>(_ => Fail(ref calls), CancellationToken.None));
        }

        Assert.Equal(3, calls);
        Assert.Equal(1, _counters.Snapshot().RemoteBreakerOpenings);
    }

    [Fact]
    public async Task ASuccessBetweenFailures_ResetsTheCount()
    {
        var calls = 0;
        for (var round = 0; round < 5; round++)
        {
            await Assert.ThrowsAsync<RemoteFailureException>(() => _breaker.TryRunAsync<int>(_ => Fail(ref calls), CancellationToken.None));
            await Assert.ThrowsAsync<RemoteFailureException>(() => _breaker.TryRunAsync<int>(_ => Fail(ref calls), CancellationToken.None));
            Assert.NotNull(await _breaker.TryRunAsync(_ => Task.FromResult(1), CancellationToken.None));
        }

        Assert.Equal(10, calls);
        Assert.Equal(0, _counters.Snapshot().RemoteBreakerOpenings);
    }

    [Fact]
    public async Task AfterBreakDuration_OneProbeAtATime_FailureReopens_SuccessCloses()
    {
        var calls = 0;
        await OpenAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await _breaker.TryRunAsync(_ => Task.FromResult(1), CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = _breaker.TryRunAsync(_ => gate.Task, CancellationToken.None);
        Assert.Null(await _breaker.TryRunAsync(_ => Task.FromResult(2), CancellationToken.None)); // skipped while probing
        gate.SetException(new RemoteFailureException("the deadline passed", new TimeoutException()));
        await Assert.ThrowsAsync<RemoteFailureException>(() => probe);
        Assert.Equal(2, _counters.Snapshot().RemoteBreakerOpenings);
        Assert.Null(await _breaker.TryRunAsync<int>(_ => Fail(ref calls), CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, (await _breaker.TryRunAsync(_ => Task.FromResult(3), CancellationToken.None))!.Value);
        Assert.Equal(4, (await _breaker.TryRunAsync(_ => Task.FromResult(4), CancellationToken.None))!.Value);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task ACancelledProbe_IsNoOutcome_TheNextCallProbes()
    {
        await OpenAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = _breaker.TryRunAsync(_ => gate.Task, cancel.Token);
        await cancel.CancelAsync();
        gate.SetCanceled(cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);

        Assert.Equal(5, (await _breaker.TryRunAsync(_ => Task.FromResult(5), CancellationToken.None))!.Value);
        Assert.Equal(1, _counters.Snapshot().RemoteBreakerOpenings);
    }

    public void Dispose() => _store.Dispose();

    private RemoteBreaker FirstContactBreaker() =>
        new(new RemoteCacheOptions { Store = _store, BreakerFailures = 3, BreakDuration = TimeSpan.FromSeconds(30) }, "test", NullLogger.Instance, _counters, _time);

    private static Task<int> Fail(ref int calls)
    {
        calls++;
        return Task.FromException<int>(new RemoteFailureException("connection refused", new IOException("refused")));
    }

    private async Task OpenAsync()
    {
        var calls = 0;
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<RemoteFailureException>(() => _breaker.TryRunAsync<int>(_ => Fail(ref calls), CancellationToken.None));
        }

        Assert.Equal(1, _counters.Snapshot().RemoteBreakerOpenings);
    }
}
