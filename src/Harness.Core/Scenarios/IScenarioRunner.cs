using Harness.Results;

namespace Harness.Scenarios;

/// <summary>Runs one kind of scenario and returns its result; on cancellation it returns what it measured so far.</summary>
/// <remarks>A runner does not judge the scenario's <c>thresholds:</c>: <see cref="ScenarioThresholds"/> does, once, for every kind.</remarks>
internal interface IScenarioRunner
{
    string Kind { get; }

    Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken);
}
