using Harness.Results;

namespace Harness.Runs;

/// <summary>The finished run and the files written for it.</summary>
internal sealed record RunOutcome(RunSummary Summary, IReadOnlyList<string> Files, IReadOnlyList<string> Warnings, History.Comparison? Comparison = null, bool FailOnRegression = false)
{
    /// <summary>Outputs that could not be written (results.json, junit.xml, report.pdf, history.db), each naming its file.</summary>
    public IReadOnlyList<OutputError> WriteErrors { get; init; } = [];

    /// <summary>A stop (Ctrl-C, SIGTERM) arrived at any time, also after the last scenario (during the report): 130, as in every phase.</summary>
    public bool Stopped { get; init; }

    /// <summary>0 when every scenario passed; 1 when a threshold failed, a scenario could not run, a compliance finding reached the policy's threshold,
    /// (with --fail-on-regression) a metric regressed beyond tolerance, or an output could not be written; 130 after Ctrl-C.</summary>
    public int ExitCode => WriteErrors.Count > 0
        ? 1
        : Summary.Interrupted || Stopped
        ? 130
        : Summary.Scenarios.Any(s => ScenarioStatuses.FailsRun(s.Status))
          || (Summary.Compliance is { } c && Compliance.ResidencyRunHook.ReachesThreshold(c))
          || (FailOnRegression && Comparison is { HasRegression: true }) ? 1 : 0;
}
