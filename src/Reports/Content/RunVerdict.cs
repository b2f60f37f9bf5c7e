using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>The run's overall verdict: failed thresholds or findings beat errors, errors beat a pass.</summary>
internal sealed record RunVerdict(string Label, Tone Tone, string Sentence)
{
    public static RunVerdict Of(RunSummary run)
    {
        var scenarios = run.Scenarios;
        var thresholds = scenarios.SelectMany(s => s.Thresholds).ToList();
        var failedThresholds = thresholds.Count(t => !t.Passed);
        var failedScenarios = scenarios.Count(s => s.Status == ScenarioStatus.Failed);
        var errors = scenarios.Count(s => ScenarioStatuses.IsJUnitError(s.Status));
        var partial = scenarios.Count(s => s.Status == ScenarioStatus.Passed && s.Missing.Count > 0);
        var failedFindings = run.Compliance is null ? 0 : ComplianceVerdict.Failing(run.Compliance).Count;
        var parts = new List<string>
        {
            $"{scenarios.Count(s => s.Status == ScenarioStatus.Passed)} of {scenarios.Count} scenarios passed",
            thresholds.Count == 0 ? "no thresholds were set" : $"{thresholds.Count - failedThresholds} of {thresholds.Count} thresholds met",
        };
        if (errors > 0)
        {
            parts.Add($"{errors} scenario{(errors == 1 ? "" : "s")} could not run");
        }

        if (partial > 0)
        {
            parts.Add($"{partial} passed without one of its main figures");
        }

        parts.Add(run.Compliance is null
            ? "compliance checks were not run"
            : $"{run.Compliance.Findings.Count(f => !f.Passed)} of {run.Compliance.Findings.Count} compliance checks failed ({failedFindings} at or above '{run.Compliance.FailAt}')");
        var sentence = string.Join("; ", parts) + ".";
        if (run.Interrupted)
        {
            sentence += " The run was interrupted: the figures cover only what was measured until then.";
        }

        if (failedThresholds > 0 || failedScenarios > 0 || failedFindings > 0)
        {
            return new RunVerdict("FAILED", Tone.Bad, sentence);
        }

        if (errors > 0 || partial > 0 || run.Interrupted || scenarios.Count == 0)
        {
            return new RunVerdict("INCOMPLETE", Tone.Warn, sentence);
        }

        return new RunVerdict("PASSED", Tone.Good, sentence);
    }
}
