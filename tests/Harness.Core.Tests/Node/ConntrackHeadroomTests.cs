using Harness.Node.Conntrack;
using Harness.Results;
using Harness.Sampling;

namespace Harness.Core.Tests.Node;

public sealed class ConntrackHeadroomTests
{
    [Fact]
    public void Steady_state_time_to_full_and_sustainable_rate_follow_the_time_wait_timeout()
    {
        var h = new ConntrackHeadroom { NewConnectionsPerSecond = 3000, TimeWaitTimeoutSeconds = 120, Max = 262_144 };
        Assert.Equal(360_000, h.SteadyStateEntries);
        Assert.False(h.FitsInTable);
        Assert.Equal(262_144 / 3000.0, h.SecondsToFull!.Value, 6);
        Assert.Equal(262_144 / 120.0, h.MaxSustainableNewConnectionsPerSecond, 6);   // ≈ 2,180/s, as in facts.md §6
        Assert.Equal(1_048_576, h.RecommendedMax);
        Assert.Equal(262_144, h.PredictedCountAt(1000));
        Assert.Equal(30_000, h.PredictedCountAt(10));
    }

    [Fact]
    public void A_small_load_fits_and_the_recommendation_never_goes_below_the_kernel_default()
    {
        var h = new ConntrackHeadroom { NewConnectionsPerSecond = 100, TimeWaitTimeoutSeconds = 120, Max = 65_536, Baseline = 1000 };
        Assert.True(h.FitsInTable);
        Assert.Null(h.SecondsToFull);
        Assert.Equal(262_144, h.RecommendedMax);
        Assert.Equal((65_536 - 1000) / 120.0, h.MaxSustainableNewConnectionsPerSecond, 6);
    }

    [Fact]
    public void Result_compares_observed_growth_with_the_prediction_and_counts_drops()
    {
        var samples = Enumerable.Range(0, 11).Select(i => new SamplerSnapshot(i * 0.5, new Dictionary<string, double>
        {
            ["nf_conntrack_count"] = Math.Min(2000, i * 500),
            ["nf_conntrack_max"] = 2000,
            ["conntrack_drop"] = i > 4 ? (i - 4) * 100 : 0,
            ["time_wait"] = i * 400,
        })).ToList();
        var m = new ConntrackMeasurements
        {
            Mode = "lab",
            Where = "lab",
            Samples = samples,
            LoadStart = 0,
            LoadEnd = 5,
            Churn = new ChurnResult(4000, 1000, 0, 0, TimeSpan.FromSeconds(5), [1.0, 2.0], OfferedRate: 1000),
        };
        var result = ConntrackResultBuilder.Build("conntrack", m, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5));
        Assert.Equal(ScenarioStatus.Failed, result.Status);
        Assert.Equal(600, result.Counters["conntrack_drop"]);
        Assert.Equal(1000, result.Counters["client_timeouts"]);
        Assert.Equal(2.0, result.Values["seconds_to_full_table"], 6);
        var predicted = result.Series.Single(s => s.Name == "predicted_nf_conntrack_count");
        Assert.Equal(2000, predicted.Points[^1].Value);
        Assert.Equal(1000, predicted.Points[2].Value);
        Assert.Contains(result.Series, s => s.Name == "nf_conntrack_max");
        Assert.Contains(result.Tables, t => t.Title == "conntrack headroom");
        // The report prints each table's source: it must cite public documents, not the project's internal notes.
        Assert.All(result.Tables, t => Assert.DoesNotContain("facts.md", t.Source ?? "", StringComparison.Ordinal));
        Assert.Contains(result.Tables, t => (t.Source ?? "").Contains("nf_conntrack-sysctl.rst", StringComparison.Ordinal));
    }

    [Fact]
    public void Slope_is_least_squares()
    {
        var samples = new[] { 0.0, 1, 2, 3 }.Select(t => new SamplerSnapshot(t, new Dictionary<string, double> { ["x"] = 10 + (3 * t) })).ToList();
        Assert.Equal(3, ConntrackResultBuilder.Slope(samples, "x"), 9);
    }
}
