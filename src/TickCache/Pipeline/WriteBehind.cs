using TickCache.Planning;

namespace TickCache.Pipeline;

/// <summary>
/// The one owner of storing fetched chunks behind the stream: a download's columns go to the consumer as soon as they are
/// decoded while their L2 (and L3) write runs here, so a slow encode (the first one of a process compiles the Parquet
/// writer) no longer holds a prefetch slot and the next requests keep their tokens. The writes in progress hold at most
/// <c>budgetBytes</c> of decoded columns (always admitting one, however large; 0 = no cap): a start waits, in arrival
/// order, until there is room, so downloads cannot outrun the disk. A load of a chunk whose write is still running waits
/// for that write (<see cref="PendingFor"/>) instead of downloading it again. Thread-safe.
/// </summary>
internal sealed class WriteBehind(long budgetBytes) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ChunkKey, Task> _pending = [];
    private readonly Queue<(long Bytes, TaskCompletionSource Room)> _waiting = new();
    private readonly CancellationTokenSource _lifetime = new();
    private long _bytes;

    /// <summary>The write of <paramref name="key"/> still running, or null.</summary>
    public Task? PendingFor(ChunkKey key)
    {
        lock (_lock)
        {
            return _pending.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Waits for room for <paramref name="bytes"/>, then runs <paramref name="write"/> in the background (with a token
    /// cancelled only by <see cref="Dispose"/>) and returns its task, which faults only on a bug (the tiers log and count
    /// their own I/O failures). Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/>
    /// ends the wait (nothing started) and <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.
    /// </summary>
    public async Task<Task> StartAsync(ChunkKey key, long bytes, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        await RoomAsync(bytes, cancellationToken).ConfigureAwait(false);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _pending[key] = done.Task;
        }

        // The caller gets its columns now; the write runs on the pool, never on the caller's synchronization context
        // (a UI thread or a test runner's few threads would otherwise encode the file, or never get to it).
        _ = Task.Run(() => RunAsync(key, bytes, write, done), CancellationToken.None); // it must run: it gives the room back
        return done.Task;
    }

    /// <summary>Waits until every write started before the call has finished (their failures are theirs to report).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_lock)
        {
            running = [.. _pending.Values];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed write is reported to the stream that started it; draining only waits.
        }
    }

    /// <summary>Cancels the writes still running (their temp files are deleted; nothing half-written becomes visible).</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var waiter))
            {
                waiter.Room.TrySetException(new ObjectDisposedException(nameof(WriteBehind)));
            }
        }
    }

    private async Task RunAsync(ChunkKey key, long bytes, Func<CancellationToken, Task> write, TaskCompletionSource done)
    {
        try
        {
            await write(_lifetime.Token).ConfigureAwait(false);
            done.TrySetResult();
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            done.TrySetResult();
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
        finally
        {
            lock (_lock)
            {
                if (_pending.TryGetValue(key, out var task) && task == done.Task)
                {
                    _pending.Remove(key);
                }

                _bytes -= bytes;
                AdmitWaiters();
            }
        }
    }

    private Task RoomAsync(long bytes, CancellationToken cancellationToken)
    {
        TaskCompletionSource room;
        lock (_lock)
        {
            if (_waiting.Count == 0 && Fits(bytes))
            {
                _bytes += bytes;
                return Task.CompletedTask;
            }

            room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue((bytes, room));
        }

        // A cancelled waiter stays queued but is skipped: exactly one of TrySetCanceled and TrySetResult wins.
        var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), room);
        return room.Task.ContinueWith(
            static (task, state) =>
            {
                ((CancellationTokenRegistration)state!).Dispose();
                task.GetAwaiter().GetResult();
            },
            registration,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Under the lock: admits queued starts, oldest first, while they fit.</summary>
    private void AdmitWaiters()
    {
        while (_waiting.TryPeek(out var head) && (head.Room.Task.IsCompleted || Fits(head.Bytes)))
        {
            _waiting.Dequeue();
            if (head.Room.TrySetResult())
            {
                _bytes += head.Bytes;
            }
        }
    }

    private bool Fits(long bytes) => budgetBytes <= 0 || _bytes == 0 || _bytes + bytes <= budgetBytes;
}
