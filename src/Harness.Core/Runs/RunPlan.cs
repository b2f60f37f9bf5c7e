namespace Harness.Runs;

/// <summary>What a <c>harness run</c> with a profile will do and roughly how long it takes, before anything runs.</summary>
internal sealed record RunPlan(string Profile, IReadOnlyList<PlannedStep> Steps)
{
    public TimeSpan Total => TimeSpan.FromTicks(Steps.Sum(s => s.Duration.Ticks));

    /// <summary>The scenarios in the plan, in run order.</summary>
    public IReadOnlyList<string> Scenarios => Steps.Where(s => s.Kind.Length > 0).Select(s => s.Scenario).Distinct().ToList();

    /// <summary>True when the plan ends with the compliance (residency) check.</summary>
    public bool IncludesCompliance => Steps.Any(s => s.Scenario == RunPlanner.ComplianceStep);
}
