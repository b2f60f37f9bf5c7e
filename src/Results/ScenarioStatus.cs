namespace Harness.Results;

/// <summary>
/// Passed: ran and met its thresholds; Failed: ran and missed one; Error: started and broke; CouldNotRun: its preflight
/// found the target cannot serve it (a function missing or not answering, no node to measure), so no load was sent;
/// Skipped: not run. <see cref="ScenarioStatuses"/> says what each means for words, exit codes and JUnit.
/// </summary>
public enum ScenarioStatus
{
    Passed,
    Failed,
    Error,
    Skipped,
    CouldNotRun,
    /// <summary>The run was stopped while this scenario ran: its figures cover only part of the plan, so it neither passed nor failed.</summary>
    Interrupted,
}
