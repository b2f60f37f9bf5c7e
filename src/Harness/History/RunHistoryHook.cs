using Harness.Results;
using Harness.Runs;
using Microsoft.Data.Sqlite;

namespace Harness.History;

/// <summary>What <c>harness run</c> does with history: record the finished run, pin it when asked, and compare it with its reference.</summary>
internal static class RunHistoryHook
{
    /// <summary>Records the run and returns its comparison with the baseline (or the previous complete run); problems become warnings, never a lost run.</summary>
    public static Comparison? RecordAndCompare(RunSummary summary, RunRequest request, List<string> warnings)
    {
        if (request.HistoryFile is not { } path)
        {
            return null;
        }

        try
        {
            using var store = HistoryStore.Open(path);
            store.Record(summary);
            if (request.PinBaseline is { } pin)
            {
                store.SetBaseline(pin, summary.RunId, request.Time.GetUtcNow());
            }

            var tolerances = request.Scenarios.ToDictionary(s => s.Name, s => s.RegressionTolerance, StringComparer.Ordinal);
            var (comparison, _) = ComparisonService.Compare(store, new ComparisonRequest
            {
                CandidateRun = summary.RunId,
                BaselineName = request.Baseline,
                Tolerance = name => request.Tolerance ?? tolerances.GetValueOrDefault(name) ?? RunComparer.DefaultTolerance,
            });
            // Comparing a run with itself (pinned just now) says nothing.
            return comparison is null || comparison.Baseline.RunId == summary.RunId ? null : comparison;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            warnings.Add($"history not recorded in {path}: {e.Message}");
            return null;
        }
    }
}
