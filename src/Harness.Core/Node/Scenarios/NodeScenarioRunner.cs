using Harness.Node.Access;
using Harness.Node.Audit;
using Harness.Node.Conntrack;
using Harness.Node.Fsync;
using Harness.Results;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Node.Scenarios;

/// <summary>Runs the node scenarios (etcd-fsync, conntrack, node-audit) inside <c>harness run</c>.</summary>
internal sealed class NodeScenarioRunner(string kind) : IScenarioRunner
{
    public string Kind { get; } = kind;

    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var options = scenario.Node ?? new NodeScenarioOptions();
        var started = context.Time.GetUtcNow();
        NodeTarget target;
        try
        {
            target = options.Target is { } file ? TargetFileParser.LoadNode(file) : context.TargetNode ?? NodeTarget.Local;
        }
        catch (TargetFileException ex)
        {
            return Error(scenario, started, context, ex.Message);
        }

        await using var node = target.Open();
        var result = Kind switch
        {
            ScenarioKinds.EtcdFsync => await RunFsyncAsync(scenario, target, node, options, context, cancellationToken).ConfigureAwait(false),
            ScenarioKinds.Conntrack => await RunConntrackAsync(scenario, target, node, options, context, cancellationToken).ConfigureAwait(false),
            _ => await RunAuditAsync(scenario, target, node, options, context, cancellationToken).ConfigureAwait(false),
        };
        var where = Where(target, context.Target.Info);
        var notes = result.Notes.ToList();
        var properties = new Dictionary<string, string>(result.Properties) { ["node"] = where };
        if (!target.IsLocal || context.Target.Info.Kind != "remote")
        {
            return result with { Name = scenario.Name, Description = scenario.Description ?? result.Description, ScenarioHash = scenario.Hash, Properties = properties };
        }

        // node: local under a remote target: the figures are the client's, and say so wherever they are shown.
        notes.Insert(0, $"Measured on {ScenarioPreflight.HarnessMachine} ({Environment.MachineName}), as node: local asks; this is not node fitness of the target {context.Target.Info.GatewayUrl}.");
        return result with
        {
            Name = scenario.Name,
            Description = $"{scenario.Description ?? result.Description} (on {ScenarioPreflight.HarnessMachine}, not the target's node)",
            ScenarioHash = scenario.Hash,
            Properties = properties,
            Notes = notes,
        };
    }

    private static string Where(NodeTarget target, Results.TargetInfo info) => target.Ssh is { } ssh
        ? $"{ssh.User}@{ssh.Host}:{ssh.Port} over SSH"
        : info.Kind == "remote" ? $"{ScenarioPreflight.HarnessMachine} ({Environment.MachineName}), not the target" : $"this machine ({Environment.MachineName}){(info.Kind == "embedded" ? ", the embedded platform's node" : "")}";

    private static async Task<ScenarioResult> RunFsyncAsync(ScenarioDefinition scenario, NodeTarget target, INodeAccess node, NodeScenarioOptions o, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        context.Status?.Report($"fdatasync probe on {node.Description}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var fsync = new EtcdFsyncOptions
        {
            Probe = new FsyncProbeOptions { TotalBytes = o.SizeBytes, BlockSize = o.BlockSize },
            Directory = o.Directory,
            FioCrossCheck = o.Fio,
            RealEtcd = o.Etcd,
            Puts = o.Puts,
        };
        return await new EtcdFsyncScenario(context.Time, http).RunAsync(scenario.Name, target, node, fsync, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ScenarioResult> RunConntrackAsync(ScenarioDefinition scenario, NodeTarget target, INodeAccess node, NodeScenarioOptions o, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        context.Status?.Report(o.Lab ? "conntrack lab" : $"watching conntrack on {node.Description}");
        var options = new ConntrackScenarioOptions
        {
            Lab = o.Lab,
            ObserveDuration = o.Duration,
            Churn = new Conntrack.ChurnOptions { Connections = o.Connections, Rate = o.Rate, Duration = o.Duration },
        };
        var results = await new ConntrackScenario(context.Time).RunAsync(scenario.Name, o.ExpectedRate is { } r ? target with { ExpectedNewConnectionsPerSecond = r } : target, node, options, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    private static async Task<ScenarioResult> RunAuditAsync(ScenarioDefinition scenario, NodeTarget target, INodeAccess node, NodeScenarioOptions o, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        context.Status?.Report($"auditing {node.Description}");
        var (result, _, _) = await new NodeAuditRun(context.Time).RunAsync(node, target, o.ExpectedRate, 2, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private ScenarioResult Error(ScenarioDefinition scenario, DateTimeOffset started, ScenarioRunContext context, string message) => new()
    {
        Name = scenario.Name,
        Kind = Kind,
        Status = ScenarioStatus.Error,
        Error = message,
        ScenarioHash = scenario.Hash,
        StartedAt = started,
        Duration = context.Time.GetUtcNow() - started,
    };
}
