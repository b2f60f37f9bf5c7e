using Harness.Load;
using Harness.Results;

namespace Harness.Scenarios;

/// <summary>Judges a scenario file's <c>thresholds:</c> on its runner's result: the one place this happens, whatever the kind.</summary>
internal static class ScenarioThresholds
{
    /// <summary>
    /// The result with the scenario's thresholds judged and added after any the runner judged itself (a node scenario's
    /// built-in limits); a miss turns Passed into Failed. A result that measured nothing (error, skipped, could not run)
    /// is returned as it is: a threshold row of "no value" there would only hide the reason.
    /// </summary>
    public static ScenarioResult Apply(ScenarioDefinition scenario, ScenarioResult result)
        => scenario.Thresholds.Count == 0 || result.Status is not (ScenarioStatus.Passed or ScenarioStatus.Failed or ScenarioStatus.Interrupted)
            ? result
            : ThresholdEvaluator.Apply(result, scenario.Thresholds);
}
