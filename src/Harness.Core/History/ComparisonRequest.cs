namespace Harness.History;

/// <summary>Which two runs to compare: explicit ids, a named baseline, or (by default) the latest against the one before it.</summary>
internal sealed record ComparisonRequest
{
    public string? BaselineRun { get; init; }
    public string? CandidateRun { get; init; }
    public string? BaselineName { get; init; }
    /// <summary>Allowed slowdown per scenario name (fraction). Null: the tolerance recorded with the candidate run's scenario
    /// (its <c>regression.tolerance</c>), else <see cref="RunComparer.DefaultTolerance"/>.</summary>
    public Func<string, double>? Tolerance { get; init; }
}
