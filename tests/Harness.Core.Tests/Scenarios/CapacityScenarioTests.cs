using Harness.Results;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Core.Tests.Scenarios;

/// <summary>The capacity kind: its section's validation, the knee, and real ramps against loopback servers.</summary>
public sealed class CapacityScenarioTests
{
    [Fact]
    public void The_suite_capacity_scenario_parses_and_plans_a_bounded_ramp()
    {
        var parsed = ScenarioFileParser.ParseFile(Path.Combine(RepoRoot(), "scenarios", "capacity.yml"));

        Assert.Empty(parsed.Diagnostics);
        var c = parsed.Scenario!.Capacity!;
        Assert.Equal(ScenarioKinds.Capacity, parsed.Scenario.Kind);
        Assert.Equal([50.0, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600], c.Rates());
        Assert.Equal(13, c.MostWindows);
        Assert.True(c.StepDuration * c.MostWindows <= TimeSpan.FromSeconds(30), "the default suite's ramp and refinement stay within half a minute");
        Assert.Equal(["p99 < 250ms", "error_rate < 1%", "dropped == 0"], c.Breaks);
    }

    [Fact]
    public void Every_error_of_the_capacity_section_is_listed_with_file_line_and_field()
    {
        var result = ScenarioFileParser.Parse("""
            name: cap
            kind: capacity
            target: {url: "http://127.0.0.1:9/"}
            load: {model: constant-arrival-rate, rate: 5, duration: 1s}
            capacity:
              startRate: 0
              step: fast
              stepDuration: -1s
              maxRate: 10
              mode: sideways
              colour: red
              breaks:
                - p99 is small
            """, "cap.yml");

        Assert.Null(result.Scenario);
        var lines = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("cap.yml:4:7: load: a capacity scenario plans its own load", StringComparison.Ordinal));
        Assert.Contains("cap.yml:6:14: capacity.startRate: must be greater than 0", lines);
        Assert.Contains("cap.yml:7:9: capacity.step: expected a number, found 'fast'", lines);
        Assert.Contains(lines, l => l.StartsWith("cap.yml:8:17: capacity.stepDuration:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("cap.yml:10:9: capacity.mode: unknown mode 'sideways'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("cap.yml:11:3: capacity.colour: unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("cap.yml:13:7: capacity.breaks[0]: cannot read threshold 'p99 is small'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ramp_of_more_than_a_hundred_windows_is_refused()
    {
        var result = ScenarioFileParser.Parse("""
            name: cap
            kind: capacity
            target: {url: "http://127.0.0.1:9/"}
            capacity: {startRate: 1, step: 1, maxRate: 1000}
            """, "cap.yml");

        Assert.Contains(result.Diagnostics, d => d.Field == "capacity.step" && d.Message.Contains("more than 100 windows", StringComparison.Ordinal));
    }

    [Fact]
    public void A_geometric_ramp_and_its_refinement_are_checked_field_by_field()
    {
        var result = ScenarioFileParser.Parse("""
            name: cap
            kind: capacity
            target: {url: "http://127.0.0.1:9/"}
            capacity:
              step: 10
              factor: 1
              refine: 11
              maxRate: 200000
            """, "cap.yml");

        var lines = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("cap.yml:6:11: capacity.factor: must be greater than 1", StringComparison.Ordinal));
        Assert.Contains("cap.yml:6:11: capacity.factor: give step (a linear ramp) or factor (a geometric one), not both", lines);
        Assert.Contains(lines, l => l.StartsWith("cap.yml:7:11: capacity.refine: must be 0 to 10", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("cap.yml:8:12: capacity.maxRate: must be at most 100000 arrivals per second", StringComparison.Ordinal));

        var many = ScenarioFileParser.Parse("""
            name: cap
            kind: capacity
            target: {url: "http://127.0.0.1:9/"}
            capacity: {startRate: 1, factor: 1.1, maxRate: 100000, refine: 10}
            """, "cap.yml");
        Assert.Contains(many.Diagnostics, d => d.Field == "capacity.factor" && d.Message.Contains("×1.1 (and 10 refinement windows) is more than 100 windows", StringComparison.Ordinal));
    }

    [Fact]
    public void A_geometric_ramp_multiplies_up_to_max_rate()
    {
        var options = new CapacityOptions { StartRate = 25, Factor = 2, MaxRate = 300, Refine = 2 };

        Assert.Equal([25.0, 50, 100, 200], options.Rates());
        Assert.Equal(6, options.MostWindows);
        Assert.Equal("×2", options.Growth());
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.1, 1.2, 1.4, 8.0 }, 3)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }, -1)]
    [InlineData(new[] { 5.0, 4.0, 3.0 }, -1)]
    [InlineData(new[] { 1.0, 9.0 }, -1)]
    public void The_knee_is_where_latency_leaves_the_straight_line(double[] p99, int knee)
    {
        var curve = p99.Select((v, i) => ((i + 1) * 10.0, v)).ToList();

        Assert.Equal(knee < 0 ? null : knee, CapacityKnee.Find(curve));
    }

    [Fact]
    public async Task A_target_that_holds_every_window_has_a_capacity_of_at_least_max_rate()
    {
        await using var server = ScriptedHttpServer.Start();
        var scenario = Scenario(new Uri(server.Url, "ok"), "capacity: {startRate: 10, step: 10, stepDuration: 1s, maxRate: 30, breaks: [error_rate < 1%, dropped == 0]}");

        var result = await new CapacityRunner().RunAsync(scenario, new ScenarioRunContext { Target = new UrlOnlyTarget() }, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Passed, result.Status);
        Assert.Equal(30, result.Values["capacity_rps"]);
        Assert.Equal(3, result.Counters["capacity_windows_held"]);
        Assert.Equal(60, result.Counters["requests"]);
        Assert.Contains("no window broke", result.Missing["broke_at_rps"], StringComparison.Ordinal);
        Assert.Equal([10.0, 20, 30], result.Series.Single(s => s.Name == "p99_vs_rate").Points.Select(p => p.T));
        Assert.Equal(3, result.Tables.Single().Rows.Count);
        Assert.Contains("raw-socket fast path", result.LoadModel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continuous_mode_ramps_each_window_from_the_previous_rate()
    {
        await using var server = ScriptedHttpServer.Start();
        var scenario = Scenario(new Uri(server.Url, "ok"), "capacity: {startRate: 10, step: 10, stepDuration: 1s, maxRate: 30, mode: continuous, breaks: [error_rate < 1%]}");

        var result = await new CapacityRunner().RunAsync(scenario, new ScenarioRunContext { Target = new UrlOnlyTarget() }, CancellationToken.None);

        // 10/s held for 1 s, then 10 -> 20/s and 20 -> 30/s ramps of 1 s: 10 + 15 + 25 arrivals (the area under the rate).
        Assert.Equal(50, result.Counters["requests"]);
        Assert.Equal(30, result.Values["capacity_rps"]);
        Assert.Contains("continuous ramp", result.LoadModel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ramp_stops_at_the_first_window_that_breaks_and_names_the_condition()
    {
        await using var server = ScriptedHttpServer.Start();
        var scenario = Scenario(new Uri(server.Url, "error"), "capacity: {startRate: 10, step: 10, stepDuration: 1s, maxRate: 50, breaks: [error_rate < 1%]}");

        var result = await new CapacityRunner().RunAsync(scenario, new ScenarioRunContext { Target = new UrlOnlyTarget() }, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Failed, result.Status);
        Assert.Equal(0, result.Values["capacity_rps"]);
        Assert.Equal(10, result.Values["broke_at_rps"]);
        Assert.Equal(1, result.Counters["capacity_windows"]);
        Assert.Contains(result.Tables.Single().Rows.Single(), c => c.StartsWith("broke: error_rate < 1%", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("Not even the first window held", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_first_break_the_refinement_bisects_between_what_held_and_what_broke()
    {
        await using var server = ScriptedHttpServer.Start();
        // The achieved rate itself is the breaking condition, so where the target "breaks" does not hang on timing:
        // 20 and 40/s hold, 80/s breaks; then 60/s breaks and 50/s holds.
        var scenario = Scenario(new Uri(server.Url, "ok"), "capacity: {startRate: 20, factor: 2, refine: 2, stepDuration: 2s, maxRate: 160, breaks: [rps < 55]}");

        var result = await new CapacityRunner().RunAsync(scenario, new ScenarioRunContext { Target = new UrlOnlyTarget() }, CancellationToken.None);

        Assert.Equal(ScenarioStatus.Passed, result.Status);
        Assert.Equal(50, result.Values["capacity_rps"]);
        Assert.Equal(60, result.Values["broke_at_rps"]);
        Assert.Equal(5, result.Counters["capacity_windows"]);
        Assert.Equal(3, result.Counters["capacity_windows_held"]);
        // Ordered by rate, not by the order they ran (20, 40, 80, 60, 50).
        Assert.Equal([20.0, 40, 50, 60, 80], result.Series.Single(s => s.Name == "p99_vs_rate").Points.Select(p => p.T));
        var verdicts = result.Tables.Single().Rows.Select(r => r[^1]).ToList();
        Assert.StartsWith("held (refinement)", verdicts[2], StringComparison.Ordinal);
        Assert.StartsWith("broke: rps < 55", verdicts[3], StringComparison.Ordinal);
        // Where p99 bent is marked "(knee)" after it, and that hangs on the machine's timing.
        Assert.Contains("(refinement)", verdicts[3], StringComparison.Ordinal);
        Assert.DoesNotContain("refinement", verdicts[4], StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Contains("2 refinement window(s) narrowed the gap between them to 10/s", StringComparison.Ordinal));
        Assert.Contains("×2 every 2s up to 160/s (steps), then up to 2 window(s) bisecting", result.LoadModel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_inside_a_window_keeps_what_that_window_sent()
    {
        await using var server = ScriptedHttpServer.Start();
        using var stop = new CancellationTokenSource();
        var answer = server.Respond;
        var seen = 0;
        // 10 requests are the first window (10/s for 1 s); the stop comes 5 requests into the second.
        server.Respond = request =>
        {
            if (Interlocked.Increment(ref seen) == 15)
            {
                stop.Cancel();
            }

            return answer(request);
        };
        var scenario = Scenario(new Uri(server.Url, "ok"), "capacity: {startRate: 10, step: 10, stepDuration: 1s, maxRate: 30, breaks: [error_rate < 1%]}");

        var result = await new CapacityRunner().RunAsync(scenario, new ScenarioRunContext { Target = new UrlOnlyTarget() }, stop.Token);

        Assert.Equal(ScenarioStatus.Interrupted, result.Status);
        Assert.Equal(1, result.Counters["capacity_windows"]);
        Assert.InRange(result.Counters["requests"], 15, 30);
        Assert.Contains(result.Notes, n => n.StartsWith("The window at 20/s was stopped after ", StringComparison.Ordinal));
    }

    private static ScenarioDefinition Scenario(Uri url, string capacity)
    {
        var parsed = ScenarioFileParser.Parse($"name: cap\nkind: capacity\ntarget: {{url: \"{url}\"}}\n{capacity}\n", "cap.yml");
        Assert.Empty(parsed.Diagnostics);
        return parsed.Scenario!;
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Harness.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("no Harness.sln above the test binaries");
        }

        return dir;
    }
}
