using Harness.Node.Access;
using Harness.Results;

namespace Harness.Node.Audit;

/// <summary>One audit of a node's kernel settings: facts collected, rows evaluated, one scenario result (used by <c>harness node audit</c>, <c>node tune</c> and the node-audit scenario).</summary>
internal sealed class NodeAuditRun(TimeProvider time)
{
    public async Task<(ScenarioResult Result, NodeFacts Facts, IReadOnlyList<AuditRow> Rows)> RunAsync(
        INodeAccess node, NodeTarget target, double? expectedRate, double churnSeconds, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        if (expectedRate is not null)
        {
            target = target with { ExpectedNewConnectionsPerSecond = expectedRate };
        }

        try
        {
            var facts = await NodeFactsCollector.CollectAsync(node, target, TimeSpan.FromSeconds(churnSeconds), time, cancellationToken).ConfigureAwait(false);
            var rows = NodeAudit.Evaluate(facts);
            return (NodeAuditResultBuilder.Build("node-audit", facts, rows, started, time.GetUtcNow() - started), facts, rows);
        }
        catch (NodeAccessException ex)
        {
            var error = new ScenarioResult { Name = "node-audit", Kind = NodeAuditResultBuilder.Kind, Status = ScenarioStatus.Error, Error = ex.Message, StartedAt = started };
            return (error, new NodeFacts { Node = node.Description, Sysctls = new Dictionary<string, string?>(), DatastoreDir = "" }, []);
        }
    }
}
