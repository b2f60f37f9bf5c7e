namespace Harness.History;

/// <summary>Resolves which runs a comparison means and compares them.</summary>
internal static class ComparisonService
{
    /// <summary>The comparison, or an error message naming what is missing (exit 2).</summary>
    public static (Comparison? Result, string? Error) Compare(HistoryStore store, ComparisonRequest request)
    {
        var recent = store.ListRuns(limit: 2);
        var candidateId = request.CandidateRun ?? recent.FirstOrDefault()?.RunId;
        if (candidateId is null)
        {
            return (null, $"{store.Path}: no runs recorded yet");
        }

        var candidate = store.Load(candidateId);
        if (candidate is null)
        {
            return (null, $"{store.Path}: no run '{candidateId}'");
        }

        string? baselineId;
        if (request.BaselineName is { } name)
        {
            baselineId = store.GetBaseline(name);
            if (baselineId is null)
            {
                return (null, $"{store.Path}: no baseline named '{name}' (harness baseline set {name} RUN)");
            }
        }
        else
        {
            baselineId = request.BaselineRun
                ?? store.ListRuns().SkipWhile(r => r.RunId != candidateId).Skip(1).FirstOrDefault()?.RunId;
        }

        if (baselineId is null)
        {
            return (null, $"{store.Path}: run {candidateId} has no earlier run to compare with");
        }

        var baseline = store.Load(baselineId);
        if (baseline is null)
        {
            return (null, $"{store.Path}: no run '{baselineId}'");
        }

        var tolerance = request.Tolerance ?? (name => candidate.Scenarios.FirstOrDefault(s => s.Name == name)?.Tolerance ?? RunComparer.DefaultTolerance);
        return (new Comparison(baseline, candidate, RunComparer.Compare(baseline, candidate, tolerance)), null);
    }
}
