using Harness.Compliance.Policy;
using Harness.Platform.Contracts;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Runs;

/// <summary>
/// Builds a run from what <c>harness run</c> was given: the suite (or the files named), parsed with the profile applied,
/// the one-name-one-file rule, the target, the policy, the pre-release gate, and where the results and the history go
/// (and the baseline they are compared with). Every problem is collected, none printed: the command decides how to show them.
/// </summary>
internal static class RunSetup
{
    public static PreparedRun Prepare(RunSetupOptions options)
    {
        var profile = RunProfile.Find(options.Profile) ?? RunProfile.Default;
        var files = options.ScenarioFiles.ToList();
        var scenariosDirectory = SuiteLocator.FindScenariosDirectory();
        if (files.Count == 0)
        {
            if (scenariosDirectory is null)
            {
                return new PreparedRun { Profile = profile, Scenarios = [], Diagnostics = [], NoSuite = true };
            }

            files.AddRange(SuiteLocator.Suite(scenariosDirectory, profile));
        }

        var scenarios = new List<ScenarioDefinition>();
        var diagnostics = new List<Diagnostic>();
        foreach (var file in files)
        {
            var parsed = ScenarioFileParser.ParseFile(file);
            diagnostics.AddRange(parsed.Diagnostics);
            if (parsed.Scenario is { } s)
            {
                scenarios.Add(profile.Apply(s));
            }
        }

        foreach (var group in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            diagnostics.Add(new Diagnostic(group.Last().File, 0, 0, "name", $"scenario name '{group.Key}' is used by more than one file"));
        }

        TargetDefinition? definition = null;
        var target = TargetResolver.Resolve(options.TargetFile, scenarios, scenariosDirectory, diagnostics, d => definition = d);
        definition = WithPolicy(definition, options.Policy, profile, diagnostics);
        var distributed = RunDistribution.Resolve(options.Distributed, scenarios, definition, diagnostics);
        if (options.OutputDirectory is { } output)
        {
            // Before any load: a run must not measure for minutes and only then find it cannot keep what it measured.
            diagnostics.AddRange(RunOutputCheck.Problems(output, options.HistoryFile, options.Baseline));
        }

        return new PreparedRun { Profile = profile, Scenarios = scenarios, Diagnostics = diagnostics, Target = definition, StartTarget = target, Distributed = distributed };
    }

    /// <summary>
    /// <c>--policy</c> replaces the target's policy. A pre-release run is the release gate, so it refuses to start without
    /// one instead of leaving the compliance check out without a word.
    /// </summary>
    private static TargetDefinition? WithPolicy(TargetDefinition? definition, string? policy, RunProfile profile, List<Diagnostic> diagnostics)
    {
        if (policy is not null)
        {
            if (definition is null)
            {
                diagnostics.Add(new Diagnostic(policy, 0, 0, "--policy", "a policy is checked against a target: give --target FILE too (these scenarios name plain URLs)"));
                return null;
            }

            var full = Path.GetFullPath(policy);
            diagnostics.AddRange(PolicyFileValidator.Validate(full));

            definition = definition with { Policy = full };
        }

        if (profile == RunProfile.PreRelease && definition?.Policy is null)
        {
            diagnostics.Add(new Diagnostic(definition?.File ?? "(no target)", 0, 0, "policy",
                "the pre-release profile includes the compliance check, but the target names no policy: add 'policy:' to the target file or pass --policy FILE (e.g. scenarios/policies/eea.yml)"));
        }

        return definition;
    }
}
