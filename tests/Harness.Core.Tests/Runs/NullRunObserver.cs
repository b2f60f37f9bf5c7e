using Harness.Load;
using Harness.Results;
using Harness.Runs;
using Harness.Scenarios;

namespace Harness.Core.Tests.Runs;

/// <summary>A run observer that shows nothing, for tests that read the outcome only.</summary>
internal sealed class NullRunObserver : IRunObserver
{
    public void ScenarioStarting(ScenarioDefinition scenario, int index, int count)
    {
    }

    public void Progress(ScenarioDefinition scenario, LoadProgress progress)
    {
    }

    public void Status(ScenarioDefinition scenario, string status)
    {
    }

    public void ScenarioFinished(ScenarioDefinition scenario, ScenarioResult result)
    {
    }
}
