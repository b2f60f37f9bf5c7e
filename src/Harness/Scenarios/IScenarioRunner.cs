using Harness.Results;

namespace Harness.Scenarios;

/// <summary>Runs one kind of scenario and returns its result; on cancellation it returns what it measured so far.</summary>
internal interface IScenarioRunner
{
    string Kind { get; }

    Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken);
}
