namespace Harness.Results;

/// <summary>The one place that says what a <see cref="ScenarioStatus"/> means: its words, whether it fails the run, whether the scenario ran.</summary>
public static class ScenarioStatuses
{
    /// <summary>Lower-case words for consoles and summaries ("could not run").</summary>
    public static string Word(ScenarioStatus status) => status switch
    {
        ScenarioStatus.Passed => "passed",
        ScenarioStatus.Failed => "failed",
        ScenarioStatus.Error => "error",
        ScenarioStatus.CouldNotRun => "could not run",
        ScenarioStatus.Interrupted => "interrupted",
        _ => "skipped",
    };

    /// <summary>The word for a result: a pass that lacks one of its main figures is "passed (partial)", never a plain pass.</summary>
    public static string Word(ScenarioResult result)
        => result.Status == ScenarioStatus.Passed && result.Missing.Count > 0 ? "passed (partial)" : Word(result.Status);

    /// <summary>True when the status makes <c>harness run</c> exit 1.</summary>
    public static bool FailsRun(ScenarioStatus status) => status is ScenarioStatus.Failed or ScenarioStatus.Error or ScenarioStatus.CouldNotRun;

    /// <summary>True when the scenario measured nothing it could be judged on (error, could not run, skipped).</summary>
    public static bool NotRun(ScenarioStatus status) => status is ScenarioStatus.Error or ScenarioStatus.CouldNotRun or ScenarioStatus.Skipped;

    /// <summary>True for the statuses JUnit reports as an <c>error</c> element (the scenario could not be judged).</summary>
    public static bool IsJUnitError(ScenarioStatus status) => status is ScenarioStatus.Error or ScenarioStatus.CouldNotRun;
}
