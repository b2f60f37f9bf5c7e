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

    [Theory]
    [InlineData("thresholds: {[a, b]: [\"p99 < 1s\"]}", "thresholds", 3, 14)]
    [InlineData("thresholds: [ {[a]: \"p99 < 1s\"} ]", "thresholds[0]", 3, 16)]
    [InlineData("[a]: b", "", 3, 1)]
    public void A_key_that_is_a_list_is_an_error_at_its_position_not_a_crash(string line, string field, int lineNo, int col)
    {
        var result = ScenarioFileParser.Parse($"name: k\nload: {{model: constant-vus, vus: 1, duration: 1s}}\n{line}\n", "k.yml");

        Assert.Null(result.Scenario);
        Assert.Contains(result.Diagnostics, d => d.Line == lineNo && d.Column >= col && d.Field == field);
    }

    [Fact]
    public void A_header_whose_name_is_a_list_is_an_error_not_a_crash()
    {
        var result = ScenarioFileParser.Parse("name: h\ntarget: {url: \"http://127.0.0.1:9000/\", headers: {[a]: b}}\nload: {model: constant-vus, vus: 1, duration: 1s}\n", "h.yml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((2, "target.headers"), (d.Line, d.Field));
        Assert.Contains("a key must be plain text", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_scenario_path_is_a_diagnostic_not_an_exception()
    {
        var result = ScenarioFileParser.ParseFile("");

        Assert.Null(result.Scenario);
        Assert.Contains("an empty file name was given", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_names_must_be_tokens_and_values_single_lines_of_text()
    {
        var result = ScenarioFileParser.Parse("""
            name: inject
            target: {url: "http://127.0.0.1:19124/", headers: {"Bad Header": x, X-Nl: "a\r\nInjected: y", X-Nul: "a\0b", X-List: [1, 2], X-Ok: "fine, thanks"}}
            load: {model: constant-vus, vus: 1, duration: 1s}
            """, "inject.yml");

        Assert.Null(result.Scenario);
        var byField = result.Diagnostics.ToDictionary(d => d.Field);
        Assert.Equal(4, byField.Count);
        Assert.Contains("not an HTTP token", byField["target.headers.Bad Header"].Message, StringComparison.Ordinal);
        Assert.Contains("control character", byField["target.headers.X-Nl"].Message, StringComparison.Ordinal);
        Assert.Contains("control character", byField["target.headers.X-Nul"].Message, StringComparison.Ordinal);
        Assert.Contains("expected a text value", byField["target.headers.X-List"].Message, StringComparison.Ordinal);
        Assert.All(byField.Values, d => Assert.Equal(2, d.Line));
    }

    [Theory]
    [InlineData("GE T")]
    [InlineData("GET\r\nX: y")]
    [InlineData("")]
    public void A_method_that_is_not_a_token_is_refused(string method)
    {
        var result = ScenarioFileParser.Parse($"name: m\ntarget: {{url: \"http://127.0.0.1:9000/\", method: \"{method.Replace("\r", "\\r").Replace("\n", "\\n")}\"}}\nload: {{model: constant-vus, vus: 1, duration: 1s}}\n", "m.yml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((2, "target.method"), (d.Line, d.Field));
    }

    [Fact]
    public void Errors_after_the_load_section_are_reported_with_it()
    {
        var result = ScenarioFileParser.Parse("""
            name: all
            description: [a, b]
            baseline: maybe
            target: {url: "http://127.0.0.1:9000/", path: [x], method: "GE T", body: {a: 1}, contentType: "not a type"}
            load: {model: constant-vus, vus: 1, duration: 1s, bogus: 1}
            """, "all.yml");

        Assert.Null(result.Scenario);
        Assert.Equal(
            ["baseline", "description", "load.bogus", "target.body", "target.contentType", "target.method", "target.path"],
            result.Diagnostics.Select(d => d.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_at_its_line()
    {
        var result = ScenarioFileParser.Parse("name: one\ntarget: {url: \"http://127.0.0.1:9000/\"}\nload: {model: constant-vus, vus: 1, duration: 1s}\n---\nthresholds: [\"p99 < 1ms\"]\n", "two.yml");

        Assert.Null(result.Scenario);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(5, d.Line);
        Assert.Contains("one YAML document", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trailing_document_marker_with_nothing_after_it_is_accepted()
    {
        var result = ScenarioFileParser.Parse("name: one\ntarget: {url: \"http://127.0.0.1:9000/\"}\nload: {model: constant-vus, vus: 1, duration: 1s}\n---\n", "end.yml");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void The_k6_map_form_for_rates_and_counters_reads_as_the_figure_harness_reports()
    {
        var result = ScenarioFileParser.Parse("""
            name: k6
            target: {url: "http://127.0.0.1:9000/"}
            load: {model: constant-vus, vus: 1, duration: 1s}
            thresholds:
              http_req_failed: ["rate < 0.01"]
              http_reqs: ["rate > 5", "count > 10"]
            """, "k6.yml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["error_rate < 0.01", "rps > 5", "requests > 10"], result.Scenario!.Thresholds);
    }

    [Fact]
    public void A_k6_rate_on_a_latency_metric_is_refused_at_parse_time()
    {
        var result = ScenarioFileParser.Parse("name: k6\ntarget: {url: \"http://127.0.0.1:9000/\"}\nload: {model: constant-vus, vus: 1, duration: 1s}\nthresholds: {http_req_duration: [\"rate < 1\"]}\n", "k6.yml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((4, "thresholds.http_req_duration"), (d.Line, d.Field));
    }

    [Fact]
    public void Cold_start_and_churn_values_that_cannot_work_are_refused()
    {
        var result = ScenarioFileParser.Parse("""
            name: zero
            kind: cold-start
            coldStart: {functions: [f], invokeTimeout: 0s, scaleDownTimeout: 0s}
            churn: {readyTimeout: 0s, prefix: "Bad_Prefix", image: "bad image", fprocess: ""}
            """, "zero.yml");

        Assert.Null(result.Scenario);
        Assert.Equal(
            ["churn.fprocess", "churn.image", "churn.prefix", "churn.readyTimeout", "coldStart.invokeTimeout", "coldStart.scaleDownTimeout"],
            result.Diagnostics.Select(d => d.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.True(d.Line is 3 or 4, d.ToString()));
    }

    [Fact]
    public void Node_values_that_cannot_work_and_a_missing_node_target_are_refused()
    {
        var result = ScenarioFileParser.Parse("""
            name: node-zero
            kind: conntrack
            node: {rate: -5, duration: 0s, expectedRate: -1, target: no-such-target.yml}
            """, Path.Combine(Path.GetTempPath(), "node-zero.yml"));

        Assert.Null(result.Scenario);
        Assert.Equal(["node.duration", "node.expectedRate", "node.rate", "node.target"], result.Diagnostics.Select(d => d.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.Equal(3, d.Line));
    }

    [Theory]
    [InlineData("load: {model: constant-arrival-rate, rate: 1e400, duration: 1s}", "load.rate", "'1e400' is too large a number")]
    [InlineData("load: {model: constant-arrival-rate, rate: 10, duration: 100000000h}", "load.duration", "'100000000h' is too long a duration")]
    [InlineData("load: {model: constant-arrival-rate, rate: 10, timeUnit: 1us, duration: 1s}", "load.rate", "10 per 1us is 10000000 iterations per second, over the limit")]
    public void Out_of_range_values_are_named_for_what_they_are(string load, string field, string message)
    {
        var result = ScenarioFileParser.Parse($"name: big\ntarget: {{url: \"http://127.0.0.1:9/\"}}\n{load}\n", "big.yml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(field, d.Field);
        Assert.StartsWith(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_kind_is_named()
    {
        var result = Harness.Targets.TargetFileParser.Parse("kind: spaceship\n", "t.yml");

        Assert.Contains(result.Diagnostics, d => d.Field == "kind" && d.Message == "unknown kind 'spaceship': embedded or remote");
    }
}
