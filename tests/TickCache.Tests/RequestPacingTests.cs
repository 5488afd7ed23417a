using CsCheck;
using Microsoft.Extensions.Time.Testing;
using TickCache.Fetching;
using TickCache.Telemetry;

namespace TickCache.Tests;

/// <summary>
/// Request pacing on the client's clock (issue 13: the client never exceeds its rate over any window and keeps using
/// all of it): the schedule against a brute-force check of every window, and the gate driven by a fake clock.
/// </summary>
public sealed class RequestPacingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Schedule_EveryWindowHoldsAtMostBurstPlusRateTimesItsLength_AndWaitingCallersGetEverySlot()
    {
        var calls = Gen.Select(Gen.Double[0.5, 50], Gen.Int[1, 12], Gen.Int[0, 400].Array[1, 80]);
        calls.Sample(c =>
        {
            var (rate, burst, gapsMs) = c;
            var clock = new FakeTimeProvider(Start);
            var schedule = new RequestSchedule(rate, burst, clock);
            var sends = new List<long>();
            var late = 0L;
            foreach (var gap in gapsMs)
            {
                clock.Advance(TimeSpan.FromMilliseconds(gap));
                var due = schedule.Reserve();
                var at = clock.GetTimestamp() + due.Ticks;
                Assert.True(at >= clock.GetTimestamp(), "a send time before the call");
                sends.Add(at);
                late = Math.Max(late, at);
            }

            // Brute force over every window [sends[i], sends[j]]: count ≤ burst + floor(length × rate).
            for (var i = 0; i < sends.Count; i++)
            {
                for (var j = i; j < sends.Count; j++)
                {
                    Assert.True(sends[j] >= sends[i], "send times out of call order");
                    var seconds = (sends[j] - sends[i]) / (double)TimeSpan.TicksPerSecond;
                    Assert.True(j - i + 1 <= burst + Math.Floor(seconds * rate + 1e-9), $"{j - i + 1} sends in {seconds:F6} s at {rate}/s + burst {burst}");
                }
            }
        });
    }

    [Theory]
    [InlineData(10.0, 9, 30)]
    [InlineData(3.0, 1, 10)]
    [InlineData(30.0, 29, 100)]
    public void Schedule_CallersAlwaysWaiting_KthSendIsExactlyAtKMinusBurstOverRate(double rate, int burst, int count)
    {
        var clock = new FakeTimeProvider(Start);
        var schedule = new RequestSchedule(rate, burst, clock);
        var interval = (long)Math.Ceiling(TimeSpan.TicksPerSecond / rate);
        for (var k = 1; k <= count; k++)
        {
            var due = schedule.Reserve();
            Assert.Equal(Math.Max(0, k - burst) * interval, due.Ticks);
        }
    }

    [Fact]
    public void Schedule_AfterAnIdleSpell_AFullBurstGoesAtOnce_ThenTheRate()
    {
        var clock = new FakeTimeProvider(Start);
        var schedule = new RequestSchedule(10, 4, clock);
        for (var i = 0; i < 20; i++)
        {
            schedule.Reserve();
        }

        clock.Advance(TimeSpan.FromSeconds(10)); // idle: the 20 reserved are long past, the bucket refilled
        var dues = Enumerable.Range(0, 6).Select(_ => schedule.Reserve()).ToArray();
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], dues);
    }

    [Fact]
    public async Task Gate_ThirtyWaitingRequests_NineGoAtOnce_ThenOneEach100ms_OnTheFakeClock()
    {
        var clock = new FakeTimeProvider(Start);
        using var gate = new UpstreamRateGate("test-source", requestsPerSecond: 10, burst: 10, maxConcurrent: 64, clock, new CacheCounters());
        var entries = Enumerable.Range(0, 30).Select(_ => gate.EnterAsync(CancellationToken.None)).ToArray();

        // One token of headroom below the burst: 9 at once.
        Assert.Equal(9, entries.Count(e => e.IsCompleted));
        for (var k = 9; k < entries.Length; k++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(99));
            Assert.False(entries[k].IsCompleted, $"request {k + 1} went before its token");
            clock.Advance(TimeSpan.FromMilliseconds(1));
            (await entries[k].WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
            Assert.Equal(k + 1, entries.Count(e => e.IsCompleted));
        }

        foreach (var entry in entries)
        {
            (await entry).Dispose();
        }
    }

    [Fact]
    public async Task Gate_ACancelledWait_LeavesItsSlotUnused_TheNextRequestStillWaitsItsOwnTurn()
    {
        var clock = new FakeTimeProvider(Start);
        using var gate = await SpentGateAsync(clock);
        using var stop = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(stop.Token); // due at +100 ms
        var next = gate.EnterAsync(CancellationToken.None); // due at +200 ms
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.False(next.IsCompleted, "a cancelled reservation must not hand its earlier slot on (it could exceed the rate)");
        clock.Advance(TimeSpan.FromMilliseconds(50));
        (await next.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task Gate_ACancelledLastWait_GivesItsSlotBack_TheNextRequestTakesIt()
    {
        var clock = new FakeTimeProvider(Start);
        using var gate = await SpentGateAsync(clock);
        using var stop = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(stop.Token); // due at +100 ms, the last reservation
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var next = gate.EnterAsync(CancellationToken.None); // takes the +100 ms slot back, not +200 ms

        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(next.IsCompleted, "the slot is the cancelled one's, not earlier");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        var after = gate.EnterAsync(CancellationToken.None); // and the schedule goes on from there: +200 ms
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(after.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await after.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public void Schedule_CancellingTheLastReservation_RestoresItExactly_AnEarlierOneIsKeptUnused()
    {
        var clock = new FakeTimeProvider(Start);
        var schedule = new RequestSchedule(10, 1, clock);
        Assert.Equal(TimeSpan.Zero, schedule.Reserve());
        var second = schedule.Reserve(out var secondTicket);
        schedule.Cancel(secondTicket);
        Assert.Equal(second, schedule.Reserve(out var third)); // the same slot again
        var fourth = schedule.Reserve();
        schedule.Cancel(third); // not the last any more: kept unused
        Assert.Equal(fourth + TimeSpan.FromMilliseconds(100), schedule.Reserve());
    }

    /// <summary>A gate at 10/s, burst 2, whose one token (burst 2 - 1) is spent: the next request is due at +100 ms.</summary>
    private static async Task<UpstreamRateGate> SpentGateAsync(FakeTimeProvider clock)
    {
        var gate = new UpstreamRateGate("test-source", requestsPerSecond: 10, burst: 2, maxConcurrent: 64, clock, new CacheCounters());
        (await gate.EnterAsync(CancellationToken.None)).Dispose();
        return gate;
    }
}
