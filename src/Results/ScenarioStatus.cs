namespace Harness.Results;

/// <summary>
/// Passed: ran and met its thresholds; Failed: ran and missed one; Error: started and broke; CouldNotRun: its preflight
/// found the target cannot serve it (a function missing or not answering, no node to measure), so no load was sent;
/// Skipped: not run. <see cref="ScenarioStatuses"/> says what each means for words, exit codes and JUnit.
/// </summary>
public enum ScenarioStatus
{
    /// <summary>Ran and met every threshold.</summary>
    Passed,
    /// <summary>Ran, and a threshold or check did not hold.</summary>
    Failed,
    /// <summary>Started but broke off with an error.</summary>
    Error,
    /// <summary>Not run, by choice (a filter or a missing opt-in).</summary>
    Skipped,
    /// <summary>Not run because something it needs is missing.</summary>
    CouldNotRun,
    /// <summary>The run was stopped while this scenario ran: its figures cover only part of the plan, so it neither passed nor failed.</summary>
    Interrupted,
}
