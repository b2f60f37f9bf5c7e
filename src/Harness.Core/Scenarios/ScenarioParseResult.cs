using Harness.Platform.Contracts;

namespace Harness.Scenarios;

/// <summary>A scenario, or every problem that kept it from being one.</summary>
public sealed record ScenarioParseResult(ScenarioDefinition? Scenario, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Ok => Scenario is not null && Diagnostics.Count == 0;
}
