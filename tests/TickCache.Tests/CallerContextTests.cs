using TickCache.Fetching;
using TickCache.Pipeline;
using TickCache.Planning;

namespace TickCache.Tests;

/// <summary>
/// The work the client starts in the background (the shared fetch of a chunk, its L2 write behind the stream) runs on
/// the thread pool, never on the synchronization context of the caller that started it: a UI thread would otherwise
/// decode and encode days of ticks, and a busy one (or a test runner with no thread free) would never get to them.
/// </summary>
public sealed class CallerContextTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SingleFlight_StartedUnderABusyContext_RunsTheOperationOnThePool_AndPostsNothingToIt()
    {
        var flights = new SingleFlight<string, int>();
        var context = new NonPumpingContext();

        var call = context.Run(() => flights.RunAsync("day", (_, _) => Task.FromResult(SynchronizationContext.Current is NonPumpingContext ? -1 : 7), CancellationToken.None));

        Assert.Equal(7, await call.WaitAsync(Bound));
        Assert.Equal(0, context.Callbacks);
    }

    [Fact]
    public async Task WriteBehind_StartedUnderABusyContext_RunsTheWriteOnThePool_AndPostsNothingToIt()
    {
        using var behind = new WriteBehind(budgetBytes: 0);
        var context = new NonPumpingContext();
        var ranOnContext = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", new DateTime(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1));

        var start = context.Run(() => behind.StartAsync(key, 10, _ =>
        {
            ranOnContext.SetResult(SynchronizationContext.Current is NonPumpingContext);
            return Task.CompletedTask;
        }, CancellationToken.None));

        var write = await start.WaitAsync(Bound);
        Assert.False(await ranOnContext.Task.WaitAsync(Bound));
        await write.WaitAsync(Bound);
        Assert.Equal(0, context.Callbacks);
    }
}
