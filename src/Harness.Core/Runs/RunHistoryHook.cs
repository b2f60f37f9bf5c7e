using Harness.History;
using Harness.Results;
using Harness.Runs;
using Microsoft.Data.Sqlite;

namespace Harness.Runs;

/// <summary>What <c>harness run</c> does with history: record the finished run, pin it when asked, and compare it with its reference.</summary>
internal static class RunHistoryHook
{
    /// <summary>
    /// Records the run (replacing the row of an earlier checkpoint of the same run, in one transaction); throws
    /// <see cref="SqliteException"/> or <see cref="IOException"/> when the database cannot be written (a full disk).
    /// </summary>
    public static void Record(RunSummary summary, RunRequest request)
    {
        if (request.HistoryFile is not { } path)
        {
            return;
        }

        using var store = HistoryStore.Open(path);
        store.Record(summary, request.Scenarios
            .Where(s => s.RegressionTolerance is not null)
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().RegressionTolerance!.Value, StringComparer.Ordinal), replace: true);
    }

    /// <summary>Pins the recorded run when asked and returns its comparison with the baseline (or the previous complete run); problems become warnings.</summary>
    public static (Comparison? Comparison, IReadOnlyList<Reports.Model.TrendPoint> Trends) Compare(RunSummary summary, RunRequest request, List<string> warnings)
    {
        if (request.HistoryFile is not { } path)
        {
            return (null, []);
        }

        try
        {
            using var store = HistoryStore.Open(path);
            if (request.PinBaseline is { } pin)
            {
                store.SetBaseline(pin, summary.RunId, request.Time.GetUtcNow());
            }

            var (comparison, error) = ComparisonService.Compare(store, new ComparisonRequest
            {
                CandidateRun = summary.RunId,
                BaselineName = request.Baseline,
                Tolerance = request.Tolerance is { } t ? _ => t : null,
            });
            if (comparison is null && request.Baseline is not null)
            {
                // RunSetup checked the baseline before the run; should it be gone now, that is said, not swallowed.
                warnings.Add($"history not compared: {error}");
            }

            var trends = Trends(store, comparison?.Baseline.RunId, TrendRuns);
            // Comparing a run with itself (pinned just now) says nothing.
            return (comparison is null || comparison.Baseline.RunId == summary.RunId ? null : comparison, trends);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            warnings.Add($"history not compared in {path}: {e.Message}");
            return (null, []);
        }
    }

    /// <summary>How many runs the report's trends page shows.</summary>
    public const int TrendRuns = 12;

    /// <summary>The key latency (http_req_duration, else each scenario's first ms metric) of the last <paramref name="runs"/> runs, oldest first.</summary>
    public static IReadOnlyList<Reports.Model.TrendPoint> Trends(HistoryStore store, string? baselineRunId, int runs)
    {
        var recent = store.ListRuns(limit: runs).Where(r => !r.Interrupted).Reverse().ToList();
        var points = new List<Reports.Model.TrendPoint>();
        foreach (var run in recent)
        {
            foreach (var byScenario in run.Metrics.Where(m => m.Summary.Unit == "ms" && m.Summary.Count > 0).GroupBy(m => m.Scenario))
            {
                var key = byScenario.FirstOrDefault(m => m.Metric == "http_req_duration") ?? byScenario.First();
                points.Add(new Reports.Model.TrendPoint(key.Scenario, key.Metric, run.RunId, run.StartedAt, key.Summary.P50, key.Summary.P99, run.RunId == baselineRunId));
            }
        }

        return points;
    }
}
