namespace Harness.Results;

/// <summary>Passed: ran and met its thresholds; Failed: ran and missed one; Error: could not run; Skipped: not run.</summary>
public enum ScenarioStatus
{
    Passed,
    Failed,
    Error,
    Skipped,
}
