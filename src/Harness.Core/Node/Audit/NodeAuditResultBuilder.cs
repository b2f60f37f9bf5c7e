using Harness.Results;

namespace Harness.Node.Audit;

/// <summary>The tuning audit as a scenario result: one table row and one threshold per setting.</summary>
internal static class NodeAuditResultBuilder
{
    public const string Kind = "node-audit";

    public static ScenarioResult Build(string name, NodeFacts facts, IReadOnlyList<AuditRow> rows, DateTimeOffset startedAt, TimeSpan duration)
    {
        var values = new Dictionary<string, double>();
        if (facts.MeasuredNewConnectionsPerSecond is { } measured)
        {
            values["measured_new_connections_per_second"] = measured;
        }

        if (facts.ExpectedNewConnectionsPerSecond is { } expected)
        {
            values["expected_new_connections_per_second"] = expected;
        }

        return new ScenarioResult
        {
            Name = name,
            Kind = Kind,
            Status = rows.All(r => r.Passed) ? ScenarioStatus.Passed : ScenarioStatus.Failed,
            Description = $"Kernel and node settings for a FaaS node ({facts.Node}) against the article's and the Kubernetes guides' recommendations.",
            StartedAt = startedAt,
            Duration = duration,
            Values = values,
            Counters = new Dictionary<string, long> { ["settings_checked"] = rows.Count, ["settings_failed"] = rows.Count(r => !r.Passed) },
            Tables =
            [
                new ResultTable
                {
                    Title = $"Node tuning audit ({facts.Node})",
                    Columns = ["setting", "current", "recommended", "verdict", "why", "source"],
                    Rows = rows.Select(r => (IReadOnlyList<string>)[r.Setting, r.Current, r.Recommended, r.Passed ? "pass" : "FAIL", r.Why, r.Source]).ToList(),
                    Source = "node-tuning-facts.json (sources per row)",
                },
            ],
            Thresholds = rows.Select(r => new ThresholdResult { Expression = $"{r.Setting}: {r.Recommended}", Metric = r.Setting, Passed = r.Passed, Message = r.Passed ? null : $"is {r.Current}" }).ToList(),
            Notes = rows.Any(r => !r.Passed) ? ["`harness node tune --print` writes the sysctl.d file and swap-off commands that fix the failing rows; `--apply` (root) applies them."] : [],
        };
    }
}
