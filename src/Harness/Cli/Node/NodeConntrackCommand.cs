using System.ComponentModel;
using Harness.Node;
using Harness.Node.Conntrack;
using Harness.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Node;

/// <summary><c>harness node conntrack</c>: conntrack headroom on the node, or churn in an isolated lab (<c>--lab</c>).</summary>
internal sealed class NodeConntrackCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<NodeConntrackCommand.Settings>
{
    /// <summary>Options of <c>harness node conntrack</c>.</summary>
    internal sealed class Settings : NodeSettings
    {
        [CommandOption("--lab")]
        [Description("Build two network namespaces (root) and churn connections between them; counts are the lab's alone")]
        public bool Lab { get; init; }

        [CommandOption("--reproduce-table-full")]
        [Description("With --lab: lower the GLOBAL nf_conntrack_max to show drops and timeouts, restore it, then rerun at the recommended size")]
        public bool ReproduceTableFull { get; init; }

        [CommandOption("--reproduce-max <N>")]
        [DefaultValue(2000L)]
        public long ReproduceMax { get; init; } = 2000;

        [CommandOption("--connections <N>")]
        [DefaultValue(20000)]
        public int Connections { get; init; } = 20_000;

        [CommandOption("--seconds <S>")]
        [Description("Load duration with --lab; observation time without it")]
        [DefaultValue(10.0)]
        public double Seconds { get; init; } = 10;

        [CommandOption("--workers <N>")]
        [DefaultValue(4)]
        public int Workers { get; init; } = 4;

        [CommandOption("--rate <PER_SECOND>")]
        [Description("New connections per second (0: as fast as possible)")]
        [DefaultValue(0.0)]
        public double Rate { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var target = NodeCli.LoadTarget(settings.Target, console);
        if (target is null)
        {
            return ExitCodes.UsageError;
        }

        var options = new ConntrackScenarioOptions
        {
            Lab = settings.Lab,
            ReproduceTableFull = settings.ReproduceTableFull,
            ReproduceMax = settings.ReproduceMax,
            ObserveDuration = TimeSpan.FromSeconds(settings.Seconds),
            Churn = new ChurnOptions
            {
                Connections = settings.Connections,
                Duration = TimeSpan.FromSeconds(settings.Seconds),
                Workers = settings.Workers,
                Rate = settings.Rate,
            },
        };
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                console.MarkupLineVerbatim($"[red]error:[/] {e}");
            }

            return ExitCodes.UsageError;
        }

        using var ctrlC = new StopSignals(cancellationToken);
        await using var node = target.Open();
        var started = environment.Time.GetUtcNow();
        IReadOnlyList<Harness.Results.ScenarioResult> results;
        try
        {
            results = await new ConntrackScenario(environment.Time).RunAsync("conntrack", target, node, options, ctrlC.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctrlC.Signalled)
        {
            console.MarkupLine("[yellow]interrupted:[/] the lab was removed and nf_conntrack_max restored");
            return 130;
        }

        foreach (var result in results)
        {
            NodeCli.Print(result, console);
        }

        var path = await NodeRunSummary.WriteAsync(NodeRunSummary.Create(results, target, node, started, environment.Time.GetUtcNow()), settings.Out ?? "out/node-conntrack", CancellationToken.None).ConfigureAwait(false);
        console.MarkupLineVerbatim($"results: {path}");
        return results.Select(NodeCli.ExitCode).Max();
    }
}
