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

    public bool SomeoneWaits => Interlocked.Read(ref latestDueTicks) > GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Exchange(ref latestDueTicks, (GetUtcNow() + dueTime).UtcTicks);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
