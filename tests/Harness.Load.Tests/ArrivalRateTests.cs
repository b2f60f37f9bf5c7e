using Harness.Load;

namespace Harness.Load.Tests;

public sealed class ArrivalRateTests
{
    [Fact]
    public async Task Achieved_rate_matches_the_planned_rate()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        using var client = LoadHttpClient.Create(ConnectionPolicy.KeepAlive(50));
        var step = new HttpStep(client, new HttpRequestSpec { Url = server.Url }, ConnectionPolicy.Default);

        var result = await LoadRunner.RunScenarioAsync(
            Scenario.Create("rate", step.InvokeAsync).WithLoadSimulations(Simulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))),
            new LoadRunOptions(),
            CancellationToken.None);

        Assert.Equal(600, result.Counters["planned_iterations"]);
        Assert.Equal(600, result.Counters["requests"] + result.Counters["dropped_iterations"]);
        var achieved = result.Values["rps"];
        Assert.InRange(achieved, 200 * 0.95, 200 * 1.05);
        Assert.Equal(600, result.Counters["status_200"]);
        Assert.Equal(0, result.Counters["errors"]);
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
