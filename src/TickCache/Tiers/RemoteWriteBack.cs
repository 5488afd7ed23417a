using System.Threading.Channels;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Telemetry;

namespace TickCache.Tiers;

/// <summary>
/// Background L3 write-back: a bounded queue (<see cref="RemoteCacheOptions.WriteQueueCapacity"/>) drained by one
/// writer. When the queue is full the oldest waiting write is dropped and counted, so a slow or down L3 never slows a
/// query. <see cref="DrainAsync"/> waits for everything queued so far; <see cref="DisposeAsync"/> finishes the queue,
/// <see cref="Abandon"/> drops it (either may follow the other). The stop token has no timer, so it needs no disposal.
/// Thread-safe.
/// </summary>
internal sealed class RemoteWriteBack : IAsyncDisposable
{
    private readonly RemoteTier _tier;
    private readonly CacheCounters _counters;
    private readonly Channel<Item> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private readonly Lock _gate = new();
    private long _pending;
    private TaskCompletionSource _idle = Completed();

    public RemoteWriteBack(RemoteTier tier, CacheCounters counters)
    {
        _tier = tier;
        _counters = counters;
        _queue = Channel.CreateBounded<Item>(
            new BoundedChannelOptions(tier.Options.WriteQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            item => Dropped(item));
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Queues the envelope of <paramref name="key"/> for L3 and takes ownership of it. Never blocks.</summary>
    public void Enqueue(ChunkKey key, PooledBytes envelope)
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        var item = new Item(key, envelope);
        if (!_queue.Writer.TryWrite(item))
        {
            Dropped(item);
        }
    }

    /// <summary>Completes when every write queued before the call has been stored, failed or dropped.</summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops taking writes, finishes the queued ones (each bounded by its deadline) and stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    /// <summary>Stops taking writes and drops the queued ones (counted); a write in progress is cancelled.</summary>
    public void Abandon()
    {
        _queue.Writer.TryComplete();
        _stop.Cancel();
    }

    private async Task WriteAllAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (_stop.IsCancellationRequested)
            {
                Dropped(item);
                continue;
            }

            try
            {
                await _tier.PutAsync(item.Key, item.Envelope.Memory, _stop.Token).ConfigureAwait(false);
                item.Envelope.Dispose();
                Done();
            }
            catch (OperationCanceledException)
            {
                Dropped(item);
            }
        }
    }

    private void Dropped(Item item)
    {
        item.Envelope.Dispose();
        _counters.RemoteWriteDropped();
        Done();
    }

    private void Done()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private readonly record struct Item(ChunkKey Key, PooledBytes Envelope);
}
