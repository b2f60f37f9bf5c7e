using Harness.Load;
using Harness.Scenarios;

namespace Harness.Core.Tests.Scenarios;

public sealed class ScenarioFileParserTests
{
    [Fact]
    public void The_plain_url_scenario_of_the_issue_parses()
    {
        var result = ScenarioFileParser.Parse("""
            name: stall
            target: {url: "http://127.0.0.1:9000/"}
            load: {model: constant-arrival-rate, rate: 50, duration: 12s}
            """, "stall.yml");

        Assert.Empty(result.Diagnostics);
        var s = result.Scenario!;
        Assert.Equal(ScenarioKinds.Http, s.Kind);
        Assert.Equal(new Uri("http://127.0.0.1:9000/"), s.Url);
        Assert.Equal(LoadModel.ConstantArrivalRate, s.Load!.Model);
        Assert.Equal(50, s.Load.Rate);
        Assert.Equal(TimeSpan.FromSeconds(12), s.Load.Duration);
    }

    [Fact]
    public void Every_error_is_listed_with_its_line_and_column()
    {
        var result = ScenarioFileParser.Parse("""
            name: bad
            target:
              url: "ftp://example"
            load:
              model: constant-arrival-rate
              rate: fast
              duration: 12 parsecs
              maxVUs: 0
              vus: 3
              colour: blue
            thresholds:
              - p99 < 250ms
              - p99 is small
              - error_rate < 0.1%
            """, "bad.yml");

        Assert.Null(result.Scenario);
        var lines = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains("bad.yml:3:8: target.url: 'ftp://example' is not an http(s) URL", lines);
        Assert.Contains("bad.yml:6:9: load.rate: expected a number, found 'fast'", lines);
        Assert.Contains(lines, l => l.StartsWith("bad.yml:7:13: load.duration: expected a duration", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yml:8:11: load.maxVUs: must be at least preAllocatedVUs", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yml:9:8: load.vus: constant-arrival-rate is an open model", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yml:10:3: load.colour: unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bad.yml:13:5: thresholds[1]: cannot read threshold 'p99 is small'", StringComparison.Ordinal));
        Assert.Equal(7, lines.Count);
    }

    [Fact]
    public void A_yaml_syntax_error_names_its_position()
    {
        var result = ScenarioFileParser.Parse("name: x\nload: {model: constant-vus, vus: 2\n", "broken.yml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("broken.yml", d.File);
        Assert.True(d.Line >= 2, d.ToString());
        Assert.Contains("YAML syntax error", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ramping_models_and_k6_threshold_maps_are_read()
    {
        var result = ScenarioFileParser.Parse("""
            name: ramp
            target: {url: "http://127.0.0.1:1/"}
            load:
              model: ramping-arrival-rate
              startRate: 10
              timeUnit: 1s
              preAllocatedVUs: 5
              maxVUs: 50
              stages:
                - {target: 100, duration: 10s}
                - {target: 0, duration: 5s}
            connections: {mode: new-per-request}
            thresholds:
              http_req_duration: ["p(99.9) < 1s", "avg < 100ms"]
              error_rate: ["error_rate < 1%"]
            """, "ramp.yml");

        Assert.Empty(result.Diagnostics);
        var s = result.Scenario!;
        Assert.Equal(2, s.Load!.Stages.Count);
        Assert.Equal(ConnectionMode.NewPerRequest, s.Connections.Mode);
        Assert.Equal(["http_req_duration.p(99.9) < 1s", "http_req_duration.avg < 100ms", "error_rate < 1%"], s.Thresholds);
        var sims = s.Load.ToSimulations();
        var (shape, errors) = LoadShapeBuilder.Build(sims, TimeSpan.Zero, TimeSpan.FromSeconds(1), 5, 50);
        Assert.Empty(errors);
        // 10 -> 100 over 10 s, then 100 -> 0 over 5 s: 550 + 250 arrivals.
        Assert.InRange(ArrivalSchedule.Count(shape!.Segments), 799, 801);
    }
}
