using Microsoft.Extensions.Time.Testing;

namespace Harness.Load.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that knows whether someone is waiting on it: the latest timer it created and when that is due.</summary>
/// <remarks>
/// During a run only the executor's dispatcher creates timers, so "the latest timer is due after now" means the dispatcher
/// has sent everything due so far and is blocked until the clock moves: the moment a test may advance it.
/// </remarks>
internal sealed class WatchedFakeTime() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private long latestDueTicks = long.MinValue;

    // Set by a scenario step on the thread that ran it; the engine's next timestamp on that thread is the call's end.
    [ThreadStatic]
    private static bool awaitingEnd;

    private int pendingEnds;

    public bool SomeoneWaits => Interlocked.Read(ref latestDueTicks) > GetUtcNow().UtcTicks;

    /// <summary>Whether every step that ran has had its end taken from the clock, so moving it now cannot move a call into the next second.</summary>
    public bool EveryEndTaken => Volatile.Read(ref pendingEnds) == 0;

    /// <summary>Called by a scenario step (which returns a completed task): the engine reads the call's end on this thread next.</summary>
    public void StepRan()
    {
        awaitingEnd = true;
        Interlocked.Increment(ref pendingEnds);
    }

    public override long GetTimestamp()
    {
        var now = base.GetTimestamp();
        if (awaitingEnd)
        {
            awaitingEnd = false;
            Interlocked.Decrement(ref pendingEnds);
        }

        return now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Exchange(ref latestDueTicks, (GetUtcNow() + dueTime).UtcTicks);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
