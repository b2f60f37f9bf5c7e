using System.ComponentModel;
using Harness.Node;
using Harness.Node.Access;
using Harness.Node.Audit;
using Harness.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Node;

/// <summary><c>harness node audit</c>: checks the node's kernel settings; exit 0 when all pass, 1 otherwise.</summary>
internal sealed class NodeAuditCommand : AsyncCommand<NodeAuditCommand.Settings>
{
    private readonly IAnsiConsole _console;
    private readonly CliEnvironment _environment;

    public NodeAuditCommand(IAnsiConsole console, CliEnvironment environment)
    {
        _console = console;
        _environment = environment;
    }

    /// <summary>Options of <c>harness node audit</c>.</summary>
    internal sealed class Settings : NodeSettings
    {
        [CommandOption("--churn-seconds <S>")]
        [Description("How long to count new TCP connections on the node for the conntrack sizing (0: skip)")]
        [DefaultValue(2.0)]
        public double ChurnSeconds { get; init; } = 2;

        [CommandOption("--expected-rate <PER_SECOND>")]
        [Description("New connections/s to size for (overrides the target's expected_new_connections_per_second)")]
        public double? ExpectedRate { get; init; }

        public override ValidationResult Validate()
            => ChurnSeconds is < 0 or > 600 ? ValidationResult.Error("--churn-seconds: expected 0 to 600")
                : NodeSettings.ExpectedRateProblem(ExpectedRate) is { } rate ? ValidationResult.Error(rate)
                : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var target = NodeCli.LoadTarget(settings.Target, _console);
        if (target is null)
        {
            return ExitCodes.UsageError;
        }

        await using var node = target.Open();
        var (result, _, _) = await new NodeAuditRun(_environment.Time).RunAsync(node, target, settings.ExpectedRate, settings.ChurnSeconds, cancellationToken).ConfigureAwait(false);
        NodeCli.Print(result, _console);
        var path = await NodeRunSummary.WriteAsync(NodeRunSummary.Create([result], target, node, result.StartedAt, _environment.Time.GetUtcNow()), settings.Out ?? "out/node-audit", cancellationToken).ConfigureAwait(false);
        _console.MarkupLineVerbatim($"results: {path}");
        return NodeCli.ExitCode(result);
    }
}
