using Harness.Load;
using Harness.Results;
using Harness.Scenarios;

namespace Harness.Runs;

/// <summary>What the console (or a test) sees of a run while it happens.</summary>
internal interface IRunObserver
{
    void ScenarioStarting(ScenarioDefinition scenario, int index, int count);

    void Progress(ScenarioDefinition scenario, LoadProgress progress);

    void Status(ScenarioDefinition scenario, string status);

    void ScenarioFinished(ScenarioDefinition scenario, ScenarioResult result);
}
