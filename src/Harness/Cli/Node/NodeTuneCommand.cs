using System.ComponentModel;
using Harness.Node.Audit;
using Harness.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Node;

/// <summary><c>harness node tune</c>: prints (default) or, with <c>--apply</c>, writes and loads the sysctl.d file and swap-off commands.</summary>
internal sealed class NodeTuneCommand : AsyncCommand<NodeTuneCommand.Settings>
{
    private readonly IAnsiConsole _console;

    private readonly CliEnvironment _environment;

    public NodeTuneCommand(IAnsiConsole console, CliEnvironment environment)
    {
        _console = console;
        _environment = environment;
    }

    /// <summary>Options of <c>harness node tune</c>.</summary>
    internal sealed class Settings : NodeSettings
    {
        [CommandOption("--print")]
        [Description("Print the sysctl.d file and commands (the default)")]
        public bool Print { get; init; }

        [CommandOption("--apply")]
        [Description("Write /etc/sysctl.d/90-harness-faas.conf on the node, load it, and turn swap off (root; changes the node)")]
        public bool Apply { get; init; }

        [CommandOption("--k3s")]
        [Description("Also print a k3s install line with reasoned flags (printed only, never run)")]
        public bool K3s { get; init; }

        [CommandOption("--ingress <NAME>")]
        [Description("With --k3s: the ingress in use (nginx adds --disable traefik to the install line)")]
        [DefaultValue("nginx")]
        public string Ingress { get; init; } = "nginx";

        [CommandOption("--data-dir <DIR>")]
        [Description("k3s --data-dir on the fast disk")]
        public string? DataDir { get; init; }

        [CommandOption("--expected-rate <PER_SECOND>")]
        [Description("New connections/s to size nf_conntrack_max for (overrides the target's expected_new_connections_per_second)")]
        public double? ExpectedRate { get; init; }

        public override ValidationResult Validate()
        {
            var errors = new List<string>();
            if (Print && Apply)
            {
                errors.Add("--print and --apply: choose one");
            }

            if (DataDir is not null && !DataDir.StartsWith('/'))
            {
                errors.Add("--data-dir must be absolute");
            }

            if (NodeSettings.ExpectedRateProblem(ExpectedRate) is { } rate)
            {
                errors.Add(rate);
            }

            return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join('\n', errors));
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var target = NodeCli.LoadTarget(settings.Target, _console);
        if (target is null)
        {
            return ExitCodes.UsageError;
        }

        await using var node = target.Open();
        var (result, facts, rows) = await new NodeAuditRun(_environment.Time).RunAsync(node, target, settings.ExpectedRate, 0, cancellationToken).ConfigureAwait(false);
        if (result.Status == ScenarioStatus.Error)
        {
            _console.MarkupLineVerbatim($"[red]error:[/] {result.Error}");
            return ExitCodes.UsageError;
        }

        var plan = TunePlan.From(rows, facts);
        if (!settings.Apply)
        {
            _console.Profile.Out.Writer.Write(plan.Render());
            if (settings.K3s)
            {
                _console.Profile.Out.Writer.WriteLine();
                _console.Profile.Out.Writer.Write(K3sInstallLine.Render(settings.Ingress, settings.DataDir));
            }

            return 0;
        }

        var failed = 0;
        foreach (var step in await plan.ApplyAsync(node, cancellationToken).ConfigureAwait(false))
        {
            if (!step.Succeeded)
            {
                failed++;
                _console.MarkupLineVerbatim($"[red]failed[/] (exit {step.ExitCode}): {step.StdErr.Trim()}");
            }
        }

        _console.MarkupLineVerbatim($"applied {TunePlan.SysctlPath} on {node.Description}; run `harness node audit` to check");
        if (settings.K3s)
        {
            _console.Profile.Out.Writer.Write(K3sInstallLine.Render(settings.Ingress, settings.DataDir));
        }

        return failed == 0 ? 0 : 1;
    }
}
