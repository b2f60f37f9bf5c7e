using Harness.History;

namespace Harness.Core.Tests.History;

public sealed class RunComparerTests
{
    private static MetricComparison Compare(Harness.Results.MetricSummary a, Harness.Results.MetricSummary b, double tolerance = 0.10)
        => RunComparer.CompareOne(new HistoryMetric("api", "http_req_duration", a), new HistoryMetric("api", "http_req_duration", b), tolerance);

    [Fact]
    public void Identical_runs_show_no_change()
    {
        var m = SyntheticRuns.Latency(20, 0.3, 2000, 1);
        var c = Compare(m, m);
        Assert.Equal(Verdict.NoChange, c.Verdict);
        Assert.Equal(1.0, c.Ratio, 3);
        Assert.True(c.Low <= 1 && c.High >= 1);
    }

    [Fact]
    public void A_5_percent_shift_is_seen_but_stays_within_a_10_percent_tolerance()
    {
        var c = Compare(SyntheticRuns.Latency(20, 0.1, 5000, 1), SyntheticRuns.Latency(21, 0.1, 5000, 2));
        Assert.Equal(Verdict.SlowerWithinTolerance, c.Verdict);
        Assert.InRange(c.Ratio, 1.03, 1.07);
        // With a 2% tolerance the same shift is a regression.
        Assert.Equal(Verdict.Regression, Compare(SyntheticRuns.Latency(20, 0.1, 5000, 1), SyntheticRuns.Latency(21, 0.1, 5000, 2), 0.02).Verdict);
    }

    [Fact]
    public void A_50_percent_shift_is_a_regression_and_the_reverse_is_faster()
    {
        var before = SyntheticRuns.Latency(20, 0.3, 2000, 1);
        var after = SyntheticRuns.Latency(30, 0.3, 2000, 2);
        var c = Compare(before, after);
        Assert.Equal(Verdict.Regression, c.Verdict);
        Assert.InRange(c.Low, 1.1, 1.6);
        Assert.Equal(Verdict.Faster, Compare(after, before).Verdict);
    }

    [Fact]
    public void Noisy_runs_from_one_distribution_are_not_called_a_regression_even_with_medians_apart()
    {
        // Few, widely spread samples: the medians differ by chance, the interval is wide and holds 1.
        var flagged = 0;
        for (var seed = 0; seed < 10; seed++)
        {
            var c = Compare(SyntheticRuns.Latency(20, 1.0, 60, seed), SyntheticRuns.Latency(20, 1.0, 60, 100 + seed));
            Assert.True(c.High - c.Low > 0.3, c.Message);
            flagged += c.Verdict == Verdict.Regression ? 1 : 0;
        }

        Assert.Equal(0, flagged);
    }

    [Fact]
    public void Verdicts_are_deterministic()
    {
        var a = SyntheticRuns.Latency(20, 0.5, 300, 1);
        var b = SyntheticRuns.Latency(22, 0.5, 300, 2);
        Assert.Equal(Compare(a, b), Compare(a, b));
    }

    [Fact]
    public void Too_few_samples_are_inconclusive()
        => Assert.Equal(Verdict.Inconclusive, Compare(SyntheticRuns.Latency(20, 0.1, 5, 1), SyntheticRuns.Latency(40, 0.1, 5, 1)).Verdict);
}
