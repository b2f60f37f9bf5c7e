using Harness.Sampling;
using Harness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Core.Tests.Sampling;

/// <summary>The one sampling loop, driven by a fake clock: when it samples, what it keeps, and what a failing sampler does.</summary>
public sealed class SamplerLoopTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Samples_at_start_then_once_per_interval_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var sampler = new ScriptedSampler("count", n => [new SamplerReading("n", n, "calls")]);
        var loop = new SamplerLoop([sampler], Interval, time);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);

        await Poll.UntilAsync(() => loop.Snapshots.Count == 1, Deadline, "the first sample at start");
        time.Advance(Interval / 2); // half an interval is not a tick: the next sample is stamped 2.0, not 1.0
        time.Advance(Interval / 2);
        await Poll.UntilAsync(() => loop.Snapshots.Count == 2, Deadline, "the sample after one interval");
        time.Advance(Interval);
        await Poll.UntilAsync(() => loop.Snapshots.Count == 3, Deadline, "the sample after two intervals");

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
        Assert.Equal([0.0, 2.0, 4.0], loop.Snapshots.Select(s => s.T));
        Assert.Equal([1.0, 2.0, 3.0], loop.Snapshots.Select(s => s["n"]!.Value));
        var series = Assert.Single(loop.Series());
        Assert.Equal(("n", "calls"), (series.Name, series.Unit));
        Assert.Equal([(0.0, 1.0), (2.0, 2.0), (4.0, 3.0)], series.Points.Select(p => (p.T, p.Value)));
        Assert.Equal(3, loop.Max("n"));
        Assert.True(double.IsNaN(loop.Max("absent")));
        Assert.Null(loop.Snapshots[0]["absent"]);
    }

    [Fact]
    public async Task Without_a_sample_now_the_first_one_waits_an_interval()
    {
        var time = new FakeTimeProvider();
        var sampler = new ScriptedSampler("count", n => [new SamplerReading("n", n)]);
        var loop = new SamplerLoop([sampler], Interval, time);
        await loop.SampleOnceAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token, sampleNow: false);

        Assert.Single(loop.Snapshots); // the timer is made as RunAsync starts, so the next advance is its first tick
        time.Advance(Interval);
        await Poll.UntilAsync(() => loop.Snapshots.Count == 2, Deadline, "the first tick");

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
        Assert.Equal([0.0, 2.0], loop.Snapshots.Select(s => s.T));
    }

    [Fact]
    public async Task A_failing_sampler_is_noted_once_and_the_others_go_on()
    {
        var time = new FakeTimeProvider();
        var broken = new ScriptedSampler("broken", _ => throw new IOException("/proc/net/sockstat: permission denied"));
        var good = new ScriptedSampler("good", n => [new SamplerReading("n", n)]);
        var loop = new SamplerLoop([broken, good], Interval, time);

        Assert.True(await loop.SampleOnceAsync(CancellationToken.None));
        time.Advance(Interval);
        Assert.True(await loop.SampleOnceAsync(CancellationToken.None));

        Assert.Equal(["broken: /proc/net/sockstat: permission denied"], loop.Errors);
        Assert.Equal([1.0, 2.0], loop.Snapshots.Select(s => s["n"]!.Value));
        var thrown = Assert.Throws<IOException>(loop.ThrowIfAnyFailed);
        Assert.Equal("/proc/net/sockstat: permission denied", thrown.Message);
    }

    [Fact]
    public async Task A_stop_ends_the_loop_without_a_sample_or_an_error()
    {
        var time = new FakeTimeProvider();
        var sampler = new ScriptedSampler("count", n => [new SamplerReading("n", n)]);
        var loop = new SamplerLoop([sampler], Interval, time);
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        Assert.False(await loop.SampleOnceAsync(stop.Token));
        await loop.RunAsync(stop.Token).WaitAsync(Deadline);

        Assert.Empty(loop.Snapshots);
        Assert.Empty(loop.Errors);
        loop.ThrowIfAnyFailed();
    }
}
