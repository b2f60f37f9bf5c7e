using Harness.Load;

namespace Harness.Load.Tests;

public sealed class ArrivalRateTests
{
    [Fact]
    public async Task Constant_rate_starts_each_iteration_on_its_planned_tick_and_fills_each_second_exactly()
    {
        // 20/s for 3 s is one arrival every 50 ms: advancing the fake clock 50 ms at a time releases exactly one each step.
        var time = new WatchedFakeTime();
        var started = 0L;
        var scenario = Scenario.Create("rate", _ =>
            {
                // First: once the count shows this step, its end is already awaited.
                time.StepRan();
                Interlocked.Increment(ref started);
                return Task.FromResult(Response.Ok(200, 2));
            })
            .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));

        var run = LoadRunner.RunScenarioAsync(scenario, new LoadRunOptions { Time = time }, CancellationToken.None);
        await DriveAsync(time, run, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(3), t => Math.Min(60, (t / 50) + 1), () => Interlocked.Read(ref started));
        var result = await run;

        Assert.Equal(60, result.Counters["planned_iterations"]);
        Assert.Equal(60, result.Counters["requests"]);
        Assert.Equal(60, result.Counters["status_200"]);
        Assert.Equal(0, result.Counters["dropped_iterations"]);
        Assert.Equal(0, result.Counters["errors"]);
        Assert.Equal(120, result.Counters["bytes_received"]);
        // The schedule ends with the last arrival at 2.95 s; the measured window closes when the dispatcher passes it.
        Assert.Equal(60 / 2.95, result.Values["rps"], 9);
        Assert.Equal([20.0, 20, 20], result.Series.Single(s => s.Name == "rps").Points.Select(p => p.Value));
        // Every iteration started on its tick, so no schedule lag beyond the histogram's floor.
        Assert.True(result.Metrics["schedule_lag"].Max < 0.01, $"schedule lag max {result.Metrics["schedule_lag"].Max} ms");
    }

    [Fact]
    public async Task Ramping_rate_starts_exactly_the_planned_arrivals_by_each_instant()
    {
        // 0 -> 40/s over 2 s (40 arrivals), then 40/s for 1 s (40 more); the clock moves 20 ms at a time.
        var time = new WatchedFakeTime();
        var started = 0L;
        var scenario = Scenario.Create("ramp", _ =>
            {
                // First: once the count shows this step, its end is already awaited.
                time.StepRan();
                Interlocked.Increment(ref started);
                return Task.FromResult(Response.Ok());
            })
            .WithLoadSimulations(
                Simulation.RampingInject(40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)),
                Simulation.Inject(40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var (shape, _) = scenario.BuildShape();
        var offsets = ArrivalSchedule.Offsets(shape!.Segments).ToList();
        var step = TimeSpan.FromMilliseconds(20);
        long Due(long ms) => offsets.Count(o => (long)(o * TimeSpan.TicksPerSecond) <= ms * TimeSpan.TicksPerMillisecond);

        var run = LoadRunner.RunScenarioAsync(scenario, new LoadRunOptions { Time = time }, CancellationToken.None);
        await DriveAsync(time, run, step, TimeSpan.FromSeconds(3), Due, () => Interlocked.Read(ref started));
        var result = await run;

        Assert.Equal(80, offsets.Count);
        Assert.Equal(80, result.Counters["requests"]);
        Assert.Equal(0, result.Counters["dropped_iterations"]);
        // Per-second buckets hold the arrivals by the 20 ms step that released them (the first step at or after their tick):
        // 10, 30, then the flat 40.
        var stepTicks = step.Ticks;
        var expected = offsets
            .Select(o => (long)(o * TimeSpan.TicksPerSecond))
            .GroupBy(due => (due + stepTicks - 1) / stepTicks * stepTicks / TimeSpan.TicksPerSecond)
            .Select(g => (double)g.Count())
            .ToList();
        Assert.Equal(expected, result.Series.Single(s => s.Name == "rps").Points.Select(p => p.Value));
        Assert.Equal([10.0, 30, 40], expected);
    }

    /// <summary>
    /// Moves the fake clock in <paramref name="step"/>s up to <paramref name="until"/>; after each move it waits until exactly
    /// <paramref name="dueBy"/>(now in ms) iterations have started and the dispatcher waits again, then advances further until the run ends.
    /// </summary>
    private static async Task DriveAsync(WatchedFakeTime time, Task run, TimeSpan step, TimeSpan until, Func<long, long> dueBy, Func<long> started)
    {
        var origin = time.GetUtcNow();
        var total = dueBy((long)until.TotalMilliseconds);
        for (var at = TimeSpan.Zero; at <= until; at += step)
        {
            if (at > TimeSpan.Zero)
            {
                time.Advance(step);
            }

            var expected = dueBy((long)at.TotalMilliseconds);
            await Poll.UntilAsync(
                () => started() == expected && time.EveryEndTaken && (time.SomeoneWaits || expected == total || run.IsCompleted),
                TimeSpan.FromSeconds(10),
                $"{expected} iterations started and the dispatcher waiting at fake {at.TotalMilliseconds} ms (started {started()})");
            Assert.Equal(expected, started());
        }

        // Past the plan only the graceful stop's short waits on the clock remain: keep moving it until the run ends.
        await Poll.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(5));
                return run.IsCompleted;
            },
            TimeSpan.FromSeconds(10),
            "the run to end");
        Assert.True(run.IsCompleted, $"the run had not ended at fake {(time.GetUtcNow() - origin).TotalSeconds} s");
    }

    [Fact]
    public void Ramping_plan_spreads_arrivals_under_the_line()
    {
        // 0 -> 100/s over 10 s is a triangle of area 500.
        var segments = new[] { new LoadSegment(0, 100, 10) };
        var offsets = ArrivalSchedule.Offsets(segments).ToList();

        Assert.Equal(500, offsets.Count);
        Assert.True(offsets.Zip(offsets.Skip(1)).All(p => p.Second > p.First));
        // Half the area lies after t = 10/sqrt(2), so the first 250 arrivals come before it.
        Assert.InRange(offsets[250], (10 / Math.Sqrt(2)) - 0.05, (10 / Math.Sqrt(2)) + 0.05);
    }

    [Fact]
    public void Constant_plan_is_evenly_spaced_and_bounded_by_iterations()
    {
        var segments = new[] { new LoadSegment(50, 50, 10) };

        var offsets = ArrivalSchedule.Offsets(segments, double.PositiveInfinity, maxArrivals: 20).ToList();

        Assert.Equal(20, offsets.Count);
        Assert.Equal(0, offsets[0]);
        Assert.Equal(0.02, offsets[1], 9);
        Assert.Equal(0.38, offsets[19], 9);
    }

    [Fact]
    public void Ramping_vus_steps_add_one_vu_per_crossing_and_end_at_zero()
    {
        var steps = VuSchedule.Steps([new LoadSegment(0, 4, 4), new LoadSegment(4, 4, 2)]);

        Assert.Equal([new VuStep(0, 0), new VuStep(1, 1), new VuStep(2, 2), new VuStep(3, 3), new VuStep(4, 4), new VuStep(6, 0)], steps);
    }
}
