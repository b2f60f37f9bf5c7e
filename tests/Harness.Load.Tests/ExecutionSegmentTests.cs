namespace Harness.Load.Tests;

/// <summary>The execution segments' arithmetic: the agents' parts add up to exactly the single-machine plan.</summary>
public sealed class ExecutionSegmentTests
{
    private static readonly int[] AgentCounts = [1, 2, 3, 4, 5, 7, 8, 13];

    public static TheoryData<double, double, double, double> OpenShapes => new()
    {
        // start rate, end rate, seconds, warm-up seconds
        { 10, 10, 3, 0 },
        { 7, 7, 3, 1 },
        { 1, 1, 5, 0 },
        { 0.3, 0.3, 20, 0 },
        { 0, 97, 4, 0 },
        { 33, 5, 6, 2 },
        { 1000, 1000, 1, 0 },
        { 101, 101, 2, 0.5 },
    };

    [Theory]
    [MemberData(nameof(OpenShapes))]
    public void Open_segments_partition_the_arrivals_exactly(double from, double to, double seconds, double warmUp)
    {
        var shape = Shape(open: true, [new LoadSegment(from, to, seconds), new LoadSegment(to, to, 1)], warmUp);
        var whole = LoadPlan.Arrivals(shape).ToList();
        foreach (var n in AgentCounts)
        {
            var parts = Enumerable.Range(0, n).Select(i => LoadPlan.Arrivals(shape.For(new ExecutionSegment(i, n))).ToList()).ToList();

            // Same arrivals, same times, same phases: no gap and no double.
            var union = parts.SelectMany(p => p).OrderBy(a => a.AtSeconds).ThenBy(a => a.Phase).ToList();
            Assert.Equal(whole.OrderBy(a => a.AtSeconds).ThenBy(a => a.Phase), union);
            foreach (var phase in new[] { LoadPhase.WarmUp, LoadPhase.Main })
            {
                var counts = parts.Select(p => p.Count(a => a.Phase == phase)).ToList();
                // Evenly spread: no agent has more than one arrival more than another, whatever the rate.
                Assert.True(counts.Max() - counts.Min() <= 1, $"N={n} {phase}: {string.Join(",", counts)}");
                Assert.Equal(whole.Count(a => a.Phase == phase), counts.Sum());
            }

            for (var i = 0; i < n; i++)
            {
                var part = shape.For(new ExecutionSegment(i, n));
                Assert.Equal(parts[i].Count(a => a.Phase == LoadPhase.Main), LoadPlan.PlannedMainArrivals(part));
            }
        }
    }

    [Fact]
    public void An_open_iteration_bound_stays_global_and_is_split_by_the_segments()
    {
        var shape = Shape(open: true, [new LoadSegment(50, 50, double.PositiveInfinity)], 0) with { MaxIterations = 101 };
        foreach (var n in AgentCounts)
        {
            var total = Enumerable.Range(0, n).Sum(i => LoadPlan.Arrivals(shape.For(new ExecutionSegment(i, n))).Count());
            Assert.Equal(101, total);
        }
    }

    public static TheoryData<double, double, double> ClosedShapes => new()
    {
        { 10, 10, 0 },
        { 0, 17, 0 },
        { 3, 3, 1 },
        { 23, 1, 2 },
        { 1, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(ClosedShapes))]
    public void Closed_segments_add_up_to_the_plans_vus_at_every_instant(double from, double to, double warmUp)
    {
        var shape = Shape(open: false, [new LoadSegment(from, to, 5), new LoadSegment(to, 2, 3)], warmUp);
        var whole = LoadPlan.VuSteps(shape);
        var instants = whole.Select(s => s.Step.AtSeconds).Concat(whole.Select(s => s.Step.AtSeconds + 1e-9)).Distinct().Order().ToList();
        foreach (var n in AgentCounts)
        {
            var parts = Enumerable.Range(0, n).Select(i => LoadPlan.VuSteps(shape.For(new ExecutionSegment(i, n)))).ToList();
            foreach (var t in instants)
            {
                Assert.Equal(VusAt(whole, t), parts.Sum(p => VusAt(p, t)));
                Assert.All(parts, p => Assert.Equal(PhaseAt(whole, t), PhaseAt(p, t)));
            }

            // Every part stops when the plan stops.
            Assert.All(parts, p => Assert.Equal(0, p[^1].Step.Vus));
        }
    }

    [Fact]
    public void A_closed_iteration_bound_is_split_exactly()
    {
        var shape = Shape(open: false, [new LoadSegment(4, 4, double.PositiveInfinity)], 0) with { MaxIterations = 1001 };
        foreach (var n in AgentCounts)
        {
            var parts = Enumerable.Range(0, n).Select(i => shape.For(new ExecutionSegment(i, n))).ToList();
            Assert.Equal(1001, parts.Sum(p => p.MaxIterations!.Value));
            Assert.True(parts.Max(p => p.MaxIterations!.Value) - parts.Min(p => p.MaxIterations!.Value) <= 1);
        }
    }

    [Fact]
    public void Vu_limits_are_split_rounded_up_so_every_agent_has_one()
    {
        var shape = Shape(open: true, [new LoadSegment(10, 10, 1)], 0) with { MaxVus = 10, PreAllocatedVus = 3 };

        var part = shape.For(new ExecutionSegment(3, 4));

        Assert.Equal(3, part.MaxVus);
        Assert.Equal(1, part.PreAllocatedVus);
        Assert.Same(shape, shape.For(ExecutionSegment.Whole));
    }

    [Fact]
    public void Shares_add_up_for_every_total()
    {
        for (var n = 1; n <= 16; n++)
        {
            for (long total = 0; total <= 200; total++)
            {
                var shares = Enumerable.Range(0, n).Select(i => new ExecutionSegment(i, n).ShareOf(total)).ToList();
                Assert.Equal(total, shares.Sum());
                Assert.True(shares.Max() - shares.Min() <= 1);
                Assert.Equal(Enumerable.Range(0, (int)total).Count(k => new ExecutionSegment(0, n).Owns(k)), shares[0]);
            }
        }
    }

    [Theory]
    [InlineData("0/4:1/4", 0, 4)]
    [InlineData("3/4:4/4", 3, 4)]
    [InlineData("0/1:1/1", 0, 1)]
    public void K6_notation_round_trips(string text, int index, int count)
    {
        var segment = ExecutionSegment.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal(new ExecutionSegment(index, count), segment);
        Assert.Equal(text, segment!.ToString());
    }

    [Theory]
    [InlineData("1/4:3/4")]
    [InlineData("0/4:1/3")]
    [InlineData("4/4:5/4")]
    [InlineData("a/b:c/d")]
    [InlineData("0:1")]
    public void Unequal_or_malformed_segments_are_refused(string text)
    {
        Assert.Null(ExecutionSegment.Parse(text, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    private static LoadShape Shape(bool open, LoadSegment[] segments, double warmUp)
        => new() { Open = open, Segments = segments, WarmUp = TimeSpan.FromSeconds(warmUp) };

    private static int VusAt(IReadOnlyList<(VuStep Step, LoadPhase Phase)> steps, double t)
        => steps.LastOrDefault(s => s.Step.AtSeconds <= t).Step.Vus;

    private static LoadPhase? PhaseAt(IReadOnlyList<(VuStep Step, LoadPhase Phase)> steps, double t)
        => steps.Where(s => s.Step.AtSeconds <= t).Select(s => (LoadPhase?)s.Phase).LastOrDefault();
}
