using TickCache.Pipeline;
using TickCache.Planning;

namespace TickCache.Tests;

/// <summary>The L2 writes behind the stream: the byte budget, the order of admission, cancellation, draining and disposal.</summary>
public sealed class WriteBehindTests
{
    private static readonly ChunkKey A = Key(1);
    private static readonly ChunkKey B = Key(2);
    private static readonly ChunkKey C = Key(3);

    [Fact]
    public async Task Budget_ASecondWriteWaitsForRoom_AndStartsWhenTheFirstEnds()
    {
        using var behind = new WriteBehind(budgetBytes: 100);
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var started = new List<ChunkKey>();
        var writeA = await behind.StartAsync(A, 60, _ => Record(started, A, first.Task), CancellationToken.None);
        var startB = behind.StartAsync(B, 60, _ => Record(started, B, second.Task), CancellationToken.None);

        Assert.False(startB.IsCompleted, "60 + 60 bytes exceed the budget of 100");
        Assert.Same(writeA, behind.PendingFor(A));
        Assert.Null(behind.PendingFor(B));

        first.SetResult();
        await writeA;
        var writeB = await startB.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(behind.PendingFor(A));
        second.SetResult();
        await writeB;
        Assert.Equal([A, B], started);
    }

    [Fact]
    public async Task Budget_AChunkLargerThanTheBudget_IsAdmittedAlone()
    {
        using var behind = new WriteBehind(budgetBytes: 100);
        var gate = new TaskCompletionSource();
        var big = await behind.StartAsync(A, 1_000, _ => gate.Task, CancellationToken.None);
        var small = behind.StartAsync(B, 1, _ => Task.CompletedTask, CancellationToken.None);
        Assert.False(small.IsCompleted, "nothing else fits beside a chunk over the budget");
        gate.SetResult();
        await big;
        await await small.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Cancel_AWaitingStart_ThrowsAndLeaksNoRoom_TheNextStartStillFits()
    {
        using var behind = new WriteBehind(budgetBytes: 100);
        var gate = new TaskCompletionSource();
        var ran = 0;
        var running = await behind.StartAsync(A, 80, _ => gate.Task, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = behind.StartAsync(B, 80, _ => Task.FromResult(Interlocked.Increment(ref ran)), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        gate.SetResult();
        await running;
        await await behind.StartAsync(C, 100, _ => Task.CompletedTask, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task Drain_WaitsForEveryRunningWrite_AndAFailedWriteFaultsOnlyItsOwnTask()
    {
        using var behind = new WriteBehind(budgetBytes: 0);
        var gate = new TaskCompletionSource();
        var slow = await behind.StartAsync(A, 10, _ => gate.Task, CancellationToken.None);
        var broken = await behind.StartAsync(B, 10, _ => throw new InvalidOperationException("a bug in a store"), CancellationToken.None);
        var drain = behind.DrainAsync(CancellationToken.None);
        Assert.False(drain.IsCompleted);
        gate.SetResult();
        await drain.WaitAsync(TimeSpan.FromSeconds(30));
        await slow;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.Equal("a bug in a store", error.Message);
    }

    [Fact]
    public async Task Dispose_CancelsRunningWrites_FailsWaitingStarts_AndRefusesNewOnes()
    {
        var behind = new WriteBehind(budgetBytes: 10);
        var cancelled = new TaskCompletionSource();
        var running = await behind.StartAsync(A, 10, async token =>
        {
            await using (token.Register(() => cancelled.TrySetResult()))
            {
                await Task.Delay(Timeout.Infinite, token);
            }
        }, CancellationToken.None);
        var waiting = behind.StartAsync(B, 10, _ => Task.CompletedTask, CancellationToken.None);

        behind.Dispose();
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a cancelled write ends without an error
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => behind.StartAsync(C, 1, _ => Task.CompletedTask, CancellationToken.None));
    }

    private static async Task Record(List<ChunkKey> started, ChunkKey key, Task until)
    {
        lock (started)
        {
            started.Add(key);
        }

        await until;
    }

    private static ChunkKey Key(int day) => new(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", new DateTime(2024, 8, day, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1));
}
