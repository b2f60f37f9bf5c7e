using Harness.Results;

namespace Harness.Reports.Tests;

/// <summary>A capacity result gets its latency-against-rate figure, and its curve is not drawn again as a series over time.</summary>
public sealed class CapacityChartTests
{
    [PopplerFact]
    public void Latency_against_rate_is_drawn_once_with_its_caption()
    {
        var dir = Directory.CreateTempSubdirectory("harness-capacity-report-").FullName;
        try
        {
            static TimeSeries Curve(string name, string unit, params double[] ys) =>
                new() { Name = name, Unit = unit, Points = ys.Select((y, i) => new SeriesPoint((i + 1) * 25, y)).ToList() };
            var capacity = new ScenarioResult
            {
                Name = "capacity",
                Kind = "capacity",
                Status = ScenarioStatus.Passed,
                Values = new Dictionary<string, double> { ["capacity_rps"] = 75, ["broke_at_rps"] = 100 },
                Series = [Curve("p50_vs_rate", "ms", 2, 2.1, 2.5, 40), Curve("p99_vs_rate", "ms", 5, 6, 9, 400), Curve("achieved_vs_rate", "req/s", 25, 50, 75, 80)],
            };
            var run = new RunSummary
            {
                RunId = "capacity",
                StartedAt = DateTimeOffset.UnixEpoch,
                FinishedAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
                Target = new TargetInfo { Name = "embedded", Kind = "embedded" },
                Environment = new EnvironmentInfo(),
                Scenarios = [capacity],
            };
            var pdf = Path.Combine(dir, "capacity.pdf");
            ReportGenerator.WritePdf(run, pdf);

            var text = string.Join(" ", Poppler.Text(pdf).Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            var caption = "Latency against arrival rate, one point per window of the capacity ramp (p50_vs_rate, p99_vs_rate)";
            Assert.Contains(caption, text, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "Latency against arrival rate, one point per window"));
            Assert.DoesNotContain("achieved_vs_rate over time", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
