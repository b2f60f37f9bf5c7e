namespace Harness.Scenarios;

/// <summary>A scenario, or every problem that kept it from being one.</summary>
public sealed record ScenarioParseResult(ScenarioDefinition? Scenario, IReadOnlyList<ScenarioDiagnostic> Diagnostics)
{
    public bool Ok => Scenario is not null && Diagnostics.Count == 0;
}
