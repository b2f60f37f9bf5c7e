using Harness.Results;

namespace Harness.Load.Tests;

/// <summary>Merging agents' snapshots: histograms added, thresholds judged on the whole.</summary>
public sealed class LoadMergeTests
{
    private const long Frequency = 1_000_000; // the aggregator's timestamps below are in µs

    [Fact]
    public void Merged_percentiles_equal_those_of_one_histogram_fed_every_sample()
    {
        var random = new Random(20);
        var all = Aggregator();
        var parts = Enumerable.Range(0, 5).Select(_ => Aggregator()).ToList();
        for (var i = 0; i < 20_000; i++)
        {
            // A skewed mix: most fast, a long tail, one agent much slower than the rest.
            var agent = random.Next(parts.Count);
            var micros = (long)(Math.Exp(random.NextDouble() * 8) * (agent == 3 ? 40 : 1)) + 50;
            var at = random.Next(0, 10 * (int)Frequency);
            var sample = new Sample(SampleKind.Completed, LoadPhase.Main, at, at, at + micros, 200, ErrorKind.None, 10);
            all.Add(sample);
            parts[agent].Add(sample);
        }

        var merged = LoadMerge.Merge(Props(), [.. parts.Select(p => Snapshot(p))], DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(10));

        var expected = MetricHistogram.Summarize(all.Duration);
        var actual = merged.Metrics["http_req_duration"];
        Assert.Equal(expected with { Histogram = null }, actual with { Histogram = null });
        Assert.Equal(20_000, merged.Counters["requests"]);
        Assert.Equal(20_000, merged.Counters["status_200"]);
        Assert.Equal(200_000, merged.Counters["bytes_received"]);
        // The per-second series is the sum of the agents' and its percentiles come from the added bucket histograms.
        var rps = merged.Series.Single(s => s.Name == "rps").Points;
        Assert.Equal(all.Seconds.Select(b => (double)b.Requests), rps.Select(p => p.Value));
        var p99 = merged.Series.Single(s => s.Name == "p99").Points;
        Assert.Equal(all.Seconds.Select(b => b.Latency!.GetValueAtPercentile(99) / 1000.0), p99.Select(p => p.Value));
        // An average of the agents' p99s is not the p99 of the run: the slow agent's tail is most of it.
        var averaged = parts.Average(p => p.Duration.GetValueAtPercentile(99)) / 1000.0;
        Assert.NotEqual(averaged, actual.P99);
    }

    [Fact]
    public void Thresholds_are_judged_on_the_merge_where_every_agent_passes_alone()
    {
        var thresholds = new[] { "dropped_iterations < 10", "errors < 5" };
        var parts = Enumerable.Range(0, 3).Select(_ =>
        {
            var a = Aggregator();
            for (var i = 0; i < 100; i++)
            {
                var kind = i < 6 ? SampleKind.Dropped : SampleKind.Completed;
                var status = i is >= 6 and < 9 ? 500 : 200;
                a.Add(new Sample(kind, LoadPhase.Main, i * 1000, i * 1000, (i * 1000) + 500, kind == SampleKind.Dropped ? 0 : status, status == 500 ? ErrorKind.Http : ErrorKind.None, 0));
            }

            return Snapshot(a);
        }).ToList();

        var alone = parts.Select(p => LoadMerge.Merge(Props(thresholds), [p], DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1))).ToList();
        var merged = LoadMerge.Merge(Props(thresholds), parts, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));

        Assert.All(alone, r => Assert.Equal(ScenarioStatus.Passed, r.Status));
        Assert.Equal(ScenarioStatus.Failed, merged.Status);
        Assert.Equal(18, merged.Counters["dropped_iterations"]);
        Assert.Equal(9, merged.Counters["errors"]);
        Assert.All(merged.Thresholds, t => Assert.False(t.Passed));
    }

    [Fact]
    public void Snapshots_brought_up_to_date_keep_every_second_once()
    {
        var a = Aggregator();
        var snapshots = new List<LoadSnapshot>();
        var sent = 0;
        for (var second = 0; second < 6; second++)
        {
            for (var i = 0; i < second + 1; i++)
            {
                var at = (second * Frequency) + (i * 1000);
                a.Add(new Sample(SampleKind.Completed, LoadPhase.Main, at, at, at + 100, 200, ErrorKind.None, 0));
            }

            snapshots.Add(a.Snapshot(Math.Max(0, sent - 2), second + 1, 0, 1, false, false));
            sent = a.Seconds.Count;
        }

        var cumulative = snapshots.Aggregate((x, y) => x.Then(y));

        Assert.Equal(0, cumulative.FirstSecond);
        Assert.Equal([1L, 2, 3, 4, 5, 6], cumulative.Seconds.Select(s => s.Requests));
        Assert.Equal([5L, 6], cumulative.From(4).Seconds.Select(s => s.Requests));
        Assert.Equal(4, cumulative.From(4).FirstSecond);
        Assert.Equal(cumulative.Seconds.Select(s => s.Requests), cumulative.From(0).Then(cumulative.From(3)).Seconds.Select(s => s.Requests));
    }

    [Fact]
    public async Task Segments_run_side_by_side_merge_into_the_whole_plan()
    {
        var scenario = Scenario.Create("segments", _ => Task.FromResult(Response.Ok(200, 1)))
            .WithLoadSimulations(Simulation.Inject(101, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        var finals = new LoadSnapshot?[3];
        var runs = Enumerable.Range(0, 3).Select(i => LoadRunner.RunScenarioAsync(
            scenario,
            new LoadRunOptions { Segment = new ExecutionSegment(i, 3), Snapshots = s => finals[i] = s.Final ? s : finals[i] },
            CancellationToken.None)).ToList();
        var results = await Task.WhenAll(runs);

        var merged = LoadMerge.Merge(scenario, [.. finals.Select(f => f!)], results[0].StartedAt, results[0].Duration);

        Assert.Equal([68L, 67, 67], results.Select(r => r.Counters["planned_iterations"]));
        Assert.Equal(202, merged.Counters["planned_iterations"]);
        Assert.Equal(202, merged.Counters["requests"] + merged.Counters["dropped_iterations"]);
        Assert.Equal(results.Sum(r => r.Counters["requests"]), merged.Counters["requests"]);
        Assert.Equal(merged.Counters["requests"], merged.Metrics["http_req_duration"].Count);
    }

    private static LoadAggregator Aggregator() => new(new FixedFrequency(), static () => 0);

    private static LoadSnapshot Snapshot(LoadAggregator a) => a.Snapshot(0, 10, 0, 1, interrupted: false, final: true);

    private static ScenarioProps Props(params string[] thresholds)
        => Scenario.Create("merge", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)))
            .WithThresholds(thresholds);

    private sealed class FixedFrequency : TimeProvider
    {
        public override long TimestampFrequency => Frequency;
    }
}
