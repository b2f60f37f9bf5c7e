using Harness.Results;

namespace Harness.History;

/// <summary>One recorded run as history holds it: metadata plus every scenario's metrics.</summary>
internal sealed record HistoryRun
{
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public string Profile { get; init; } = "default";
    public string TargetName { get; init; } = "";
    public string? GitCommit { get; init; }
    public string? Hostname { get; init; }
    public bool Interrupted { get; init; }
    public IReadOnlyList<HistoryScenario> Scenarios { get; init; } = [];
    public IReadOnlyList<HistoryMetric> Metrics { get; init; } = [];
}

/// <summary>A scenario in a recorded run: name, kind, status, the hash of its file and its <c>regression.tolerance</c> (null: not set).</summary>
internal sealed record HistoryScenario(string Name, string Kind, string Status, string? Hash, double? Tolerance = null);

/// <summary>One metric of one scenario in a recorded run, with its encoded histogram when the run had one.</summary>
internal sealed record HistoryMetric(string Scenario, string Metric, MetricSummary Summary);
