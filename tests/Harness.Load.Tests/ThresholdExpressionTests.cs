using Harness.Load;
using Harness.Results;

namespace Harness.Load.Tests;

public sealed class ThresholdExpressionTests
{
    [Theory]
    [InlineData("p99 < 250ms", "http_req_duration", "p", 99.0, ThresholdOperator.LessThan, 250.0)]
    [InlineData("p(99) < 250ms", "http_req_duration", "p", 99.0, ThresholdOperator.LessThan, 250.0)]
    [InlineData("p999 <= 1s", "http_req_duration", "p", 99.9, ThresholdOperator.LessOrEqual, 1000.0)]
    [InlineData("cold_start_ttfb.p50 < 2s", "cold_start_ttfb", "p", 50.0, ThresholdOperator.LessThan, 2000.0)]
    [InlineData("error_rate < 0.1%", "error_rate", null, null, ThresholdOperator.LessThan, 0.001)]
    [InlineData("dropped == 0", "dropped_iterations", null, null, ThresholdOperator.Equal, 0.0)]
    [InlineData("rps > 100", "rps", null, null, ThresholdOperator.GreaterThan, 100.0)]
    public void Parses_k6_style_expressions(string text, string metric, string? aggregate, double? percentile, ThresholdOperator op, double value)
    {
        var e = ThresholdExpression.Parse(text);

        Assert.Equal(metric, e.Metric);
        Assert.Equal(aggregate, e.Aggregate);
        Assert.Equal(percentile, e.Percentile);
        Assert.Equal(op, e.Operator);
        Assert.Equal(value, e.Value, 9);
    }

    [Theory]
    [InlineData("p99 250ms")]
    [InlineData("p99 < 10%")]
    [InlineData("latency.p(101) < 1s")]
    [InlineData("")]
    public void Rejects_nonsense(string text) => Assert.False(ThresholdExpression.TryParse(text, out _, out _));

    [Theory]
    [InlineData("error_rate < 5s", "not a duration")]
    [InlineData("count < 2ms", "not a duration")]
    [InlineData("rps > 1%", "not a fraction")]
    [InlineData("requests > 5%", "not a fraction")]
    [InlineData("p99 < -1ms", "never negative")]
    [InlineData("error_rate < -1%", "never negative")]
    [InlineData("seconds_to_full_table > 60s", "not a duration")]
    public void A_unit_or_sign_that_makes_no_sense_for_the_metric_is_refused(string text, string reason)
    {
        Assert.False(ThresholdExpression.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent_start_skew_ms < 1s", 1000.0)]
    [InlineData("gateway_overhead_ratio < 150%", 1.5)]
    [InlineData("error_rate < 0.1%", 0.001)]
    public void Units_that_fit_the_metric_still_convert(string text, double value)
        => Assert.Equal(value, ThresholdExpression.Parse(text).Value, 9);

    [Theory]
    [InlineData("http_req_failed", "rate < 0.01", "error_rate < 0.01")]
    [InlineData("http_reqs", "rate > 50", "rps > 50")]
    [InlineData("http_reqs", "count > 100", "requests > 100")]
    [InlineData("dropped_iterations", "count == 0", "dropped_iterations == 0")]
    [InlineData("dropped_iterations", "rate < 0.01", "dropped_rate < 0.01")]
    [InlineData("http_req_duration", "p(99) < 250ms", "http_req_duration.p(99) < 250ms")]
    [InlineData("cold_start_ttfb", "avg < 2s", "cold_start_ttfb.avg < 2s")]
    [InlineData("error_rate", "error_rate < 1%", "error_rate < 1%")]
    public void The_k6_map_form_names_the_metrics_own_figure(string metric, string text, string expected)
    {
        Assert.True(ThresholdExpression.TryFromK6Map(metric, text, out var expression, out var error), error);
        Assert.Equal(expected, expression);
        Assert.True(ThresholdExpression.TryParse(expression, out _, out _));
    }

    [Theory]
    [InlineData("http_req_duration", "rate < 1")]
    [InlineData("http_req_failed", "p(99) < 1s")]
    public void A_k6_map_pair_that_names_no_figure_is_refused(string metric, string text)
        => Assert.False(ThresholdExpression.TryFromK6Map(metric, text, out _, out _));

    [Fact]
    public void Evaluates_against_a_result_and_fails_the_scenario_on_a_miss()
    {
        var result = new ScenarioResult
        {
            Name = "s",
            Kind = "http",
            Status = ScenarioStatus.Passed,
            Metrics = new Dictionary<string, MetricSummary> { ["http_req_duration"] = new() { Count = 10, P99 = 300, P50 = 5 } },
            Counters = new Dictionary<string, long> { ["dropped_iterations"] = 0 },
            Values = new Dictionary<string, double> { ["error_rate"] = 0.0005, ["rps"] = 99 },
        };

        var evaluated = ThresholdEvaluator.Apply(result, ["p50 < 10ms", "p99 < 250ms", "error_rate < 0.1%", "dropped == 0", "rps > 100", "nothing > 1"]);

        Assert.Equal(ScenarioStatus.Failed, evaluated.Status);
        Assert.Equal([true, false, true, true, false, false], evaluated.Thresholds.Select(t => t.Passed));
        Assert.Equal(0.05, evaluated.Thresholds[2].Actual);
        Assert.Equal("%", evaluated.Thresholds[2].Unit);
        Assert.Contains("no value or counter 'nothing'", evaluated.Thresholds[5].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_options_validation_collects_every_error()
    {
        var errors = new LoadOptions { Model = LoadModel.RampingVus, Duration = TimeSpan.FromSeconds(1), Rate = 5, PreAllocatedVus = 0, Timeout = TimeSpan.Zero }.Validate();

        Assert.Equal(["stages", "duration", "rate", "preAllocatedVUs", "timeout"], errors.Select(e => e.Field));
    }
}
