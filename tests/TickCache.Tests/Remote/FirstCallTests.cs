using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TickCache.Telemetry;
using TickCache.Tiers;

namespace TickCache.Tests.Remote;

/// <summary>
/// The tier gives a client's first L3 call <see cref="RemoteCacheOptions.FirstCallTimeout"/> and every later one the usual
/// deadline, on a fake clock, against a store that answers each call after 3 s (a store double at the network boundary).
/// </summary>
public sealed class FirstCallTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 8, 8, 0, 0, 0, TimeSpan.Zero));
    private readonly CacheCounters _counters = new();

    [Fact]
    public async Task SlowFirstAnswer_WithinFirstCallTimeout_IsAMiss_TheSameSlownessLater_IsAnError()
    {
        var store = new SlowStore(TimeSpan.FromSeconds(3), _time);
        var tier = new RemoteTier(new RemoteCacheOptions { Store = store, TimeToFirstByte = TimeSpan.FromSeconds(1), FirstCallTimeout = TimeSpan.FromSeconds(5) }, NullLogger.Instance, _counters, _time);

        Assert.Null(await AnswerAfterThreeSecondsAsync(tier, store, 1));
        Assert.Equal((0, 1), (_counters.Snapshot().RemoteErrors, _counters.Snapshot().RemoteMisses));

        Assert.Null(await AnswerAfterThreeSecondsAsync(tier, store, 2));
        Assert.Equal((1, 1), (_counters.Snapshot().RemoteErrors, _counters.Snapshot().RemoteMisses));
    }

    [Fact]
    public async Task FirstCallTimeoutZero_TheFirstCallHasTheUsualDeadline()
    {
        var store = new SlowStore(TimeSpan.FromSeconds(3), _time);
        var tier = new RemoteTier(new RemoteCacheOptions { Store = store, TimeToFirstByte = TimeSpan.FromSeconds(1), FirstCallTimeout = TimeSpan.Zero }, NullLogger.Instance, _counters, _time);

        Assert.Null(await AnswerAfterThreeSecondsAsync(tier, store, 1));
        Assert.Equal((1, 0), (_counters.Snapshot().RemoteErrors, _counters.Snapshot().RemoteMisses));
    }

    private async Task<RemoteHit?> AnswerAfterThreeSecondsAsync(RemoteTier tier, SlowStore store, int call)
    {
        var read = tier.TryReadAsync(RemoteFaultTests.Key(0), CancellationToken.None);
        await store.StartedAsync(call);
        _time.Advance(TimeSpan.FromSeconds(3));
        return await read.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Answers every read "no object" after <c>delay</c> on the given clock; counts the calls that have started waiting.</summary>
    private sealed class SlowStore(TimeSpan delay, TimeProvider time) : IRemoteStore
    {
        private readonly List<TaskCompletionSource> _started = [];
        private int _calls;

        public string Name => "slow";

        /// <summary>Completes when call number <paramref name="call"/> (1-based) is waiting on the clock.</summary>
        public Task StartedAsync(int call) => Slot(call).Task.WaitAsync(TimeSpan.FromSeconds(30));

        public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
        {
            var waiting = Task.Delay(delay, time, cancellationToken);
            Slot(Interlocked.Increment(ref _calls)).TrySetResult();
            await waiting;
            return null;
        }

        private TaskCompletionSource Slot(int call)
        {
            lock (_started)
            {
                while (_started.Count < call)
                {
                    _started.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                return _started[call - 1];
            }
        }

        public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
