using System.Runtime.InteropServices;
using Harness.Runs;
using Harness.Scenarios;
using Harness.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Run;

/// <summary><c>harness run [SCENARIO.yml ...] [--target FILE] [--out DIR]</c>: the main job.</summary>
internal sealed class RunCommand(IAnsiConsole console) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        RedactingRenderHook.AttachTo(console);
        var profile = RunProfile.Find(settings.Profile) ?? RunProfile.Default;
        var files = settings.Scenarios.ToList();
        var scenariosDirectory = SuiteLocator.FindScenariosDirectory();
        if (files.Count == 0)
        {
            if (scenariosDirectory is null)
            {
                console.MarkupLine("[red]error[/] no scenario files given and no scenarios/ directory found; pass SCENARIO.yml");
                return HarnessApp.UsageError;
            }

            files.AddRange(SuiteLocator.Suite(scenariosDirectory, profile));
        }

        var scenarios = new List<ScenarioDefinition>();
        var diagnostics = new List<ScenarioDiagnostic>();
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
            diagnostics.Add(new ScenarioDiagnostic(group.Last().File, 0, 0, "name", $"scenario name '{group.Key}' is used by more than one file"));
        }

        TargetDefinition? definition = null;
        var target = TargetResolver.Resolve(settings.Target, scenarios, scenariosDirectory, diagnostics, d => definition = d);
        definition = WithPolicy(definition, settings.Policy, profile, diagnostics);
        if (diagnostics.Count > 0 || target is null)
        {
            WriteDiagnostics(diagnostics);
            return HarnessApp.UsageError;
        }

        if (settings.DryRun)
        {
            var compliance = definition is not null && Harness.Compliance.ResidencyRunHook.For(definition) is not null;
            RunPlanTable.Write(console, RunPlanner.Plan(profile.Name, scenarios, definition?.Kind == "embedded", compliance, target: definition is not null));
            return 0;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        var request = new RunRequest
        {
            Scenarios = scenarios,
            StartTarget = target,
            TargetFile = settings.Target,
            OutputDirectory = Path.GetFullPath(settings.Out),
            WriteReport = settings.NoReport ? null : ReportHook.Writer,
            Profile = profile.Name,
            HistoryFile = settings.NoHistory ? null : Path.GetFullPath(settings.History ?? Path.Combine(settings.Out, "history.db")),
            Baseline = settings.Baseline,
            PinBaseline = settings.PinBaseline,
            Tolerance = Harness.History.ToleranceText.Parse(settings.Tolerance),
            FailOnRegression = settings.FailOnRegression,
            Compliance = definition is null ? null : Harness.Compliance.ResidencyRunHook.For(definition, scenarios),
            Distributed = Distributed.DistributedRuntimes.For(settings.Agents, settings.AgentRuntime),
        };
        RunOutcome outcome;
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            outcome = await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(ctx => RunService.Default.RunAsync(request, new RunConsole(console, ctx), stop.Token))
                .ConfigureAwait(false);
        }
        else
        {
            outcome = await RunService.Default.RunAsync(request, new RunConsole(console, null), stop.Token).ConfigureAwait(false);
        }

        RunSummaryTable.Write(console, outcome.Summary, outcome.Files);
        Compliance.ComplianceSummaryLine.Write(console, outcome.Summary.Compliance);
        if (outcome.Comparison is { } comparison)
        {
            History.CompareCommand.Write(console, comparison);
        }

        foreach (var w in outcome.Warnings)
        {
            ConsoleText.Warning(console, w);
        }

        foreach (var e in outcome.WriteErrors)
        {
            ConsoleText.Error(console, e.ToString());
        }

        return outcome.ExitCode;
    }

    /// <summary>
    /// <c>--policy</c> replaces the target's policy. A pre-release run is the release gate, so it refuses to start without
    /// one instead of leaving the compliance check out without a word.
    /// </summary>
    private static TargetDefinition? WithPolicy(TargetDefinition? definition, string? policy, RunProfile profile, List<ScenarioDiagnostic> diagnostics)
    {
        if (policy is not null)
        {
            if (definition is null)
            {
                diagnostics.Add(new ScenarioDiagnostic(policy, 0, 0, "--policy", "a policy is checked against a target: give --target FILE too (these scenarios name plain URLs)"));
                return null;
            }

            var full = Path.GetFullPath(policy);
            foreach (var e in Harness.Compliance.ResidencyRunHook.ValidatePolicy(full))
            {
                diagnostics.Add(new ScenarioDiagnostic(e.File, (int)e.Line, (int)e.Column, e.Field, e.Message));
            }

            definition = definition with { Policy = full };
        }

        if (profile == RunProfile.PreRelease && definition?.Policy is null)
        {
            diagnostics.Add(new ScenarioDiagnostic(definition?.File ?? "(no target)", 0, 0, "policy",
                "the pre-release profile includes the compliance check, but the target names no policy: add 'policy:' to the target file or pass --policy FILE (e.g. scenarios/policies/eea.yml)"));
        }

        return definition;
    }

    private void WriteDiagnostics(IEnumerable<ScenarioDiagnostic> diagnostics)
    {
        // Redirected output is read by editors and grep: one diagnostic per line, never wrapped.
        var width = console.Profile.Width;
        if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = Math.Max(width, 4096);
        }

        try
        {
            foreach (var d in diagnostics)
            {
                ConsoleText.Error(console, d.ToString());
            }
        }
        finally
        {
            console.Profile.Width = width;
        }
    }
}
