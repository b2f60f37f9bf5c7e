using Harness.Platform.Contracts;
using Harness.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Run;

/// <summary><c>harness run [SCENARIO.yml ...] [--target FILE] [--out DIR]</c>: the main job.</summary>
internal sealed class RunCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        // First: a stop while the files are read is a stop of the run (130), not the runtime's default end (143).
        using var stop = new StopSignals(cancellationToken);
        RedactingRenderHook.AttachTo(console);
        var run = RunSetup.Prepare(new RunSetupOptions
        {
            ScenarioFiles = settings.Scenarios,
            Profile = settings.Profile,
            TargetFile = settings.Target,
            Policy = settings.Policy,
            Distributed = settings.DistributedFlags(),
            OutputDirectory = settings.Out,
            HistoryFile = settings.HistoryFile,
            Baseline = settings.Baseline,
        });
        if (run.NoSuite)
        {
            console.MarkupLine("[red]error[/] no scenario files given and no scenarios/ directory found; pass SCENARIO.yml");
            return ExitCodes.UsageError;
        }

        if (!run.CanStart)
        {
            WriteDiagnostics(run.Diagnostics);
            return ExitCodes.UsageError;
        }

        if (settings.DryRun)
        {
            RunPlanTable.Write(console, run.Plan());
            return 0;
        }

        var request = new RunRequest
        {
            Scenarios = run.Scenarios,
            StartTarget = run.StartTarget!,
            TargetNode = settings.Target is null ? null : run.Target?.Node,
            OutputDirectory = Path.GetFullPath(settings.Out),
            WriteReport = settings.NoReport ? null : ReportHook.Writer,
            Profile = run.Profile.Name,
            HistoryFile = settings.HistoryFile is { } history ? Path.GetFullPath(history) : null,
            Baseline = settings.Baseline,
            PinBaseline = settings.PinBaseline,
            Tolerance = Harness.History.ToleranceText.Parse(settings.Tolerance),
            FailOnRegression = settings.FailOnRegression,
            Compliance = run.ComplianceCheck(),
            Distributed = run.Distributed.ToDictionary(p => p.Key, p => Distributed.DistributedRuntimes.For(p.Value)!, StringComparer.Ordinal),
        };
        RunOutcome outcome;
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            outcome = await console.Progress()
                .AutoClear(false)
                .Columns(new VerbatimDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(ctx => RunService.Default.RunAsync(request, new RunConsole(console, ctx, environment.Time), stop.Token))
                .ConfigureAwait(false);
        }
        else
        {
            outcome = await RunService.Default.RunAsync(request, new RunConsole(console, null, environment.Time), stop.Token).ConfigureAwait(false);
        }

        RunSummaryTable.Write(console, outcome.Summary, outcome.Files);
        Compliance.ComplianceSummaryLine.Write(console, outcome.Summary.Compliance);
        if (outcome.Comparison is { } comparison)
        {
            History.ComparisonTable.Write(console, comparison);
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

    private void WriteDiagnostics(IEnumerable<Diagnostic> diagnostics)
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
