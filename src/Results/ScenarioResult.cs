namespace Harness.Results;

/// <summary>One scenario's outcome: metrics, series, counters, thresholds and any scenario-specific tables.</summary>
public sealed record ScenarioResult
{
    /// <summary>The scenario's name.</summary>
    public required string Name { get; init; }
    /// <summary>The runner: throughput, cold-start, connection-churn, deployment-churn, etcd-fsync, conntrack, node-audit, http…</summary>
    public required string Kind { get; init; }
    /// <summary>Whether the scenario passed, failed, erred or could not run.</summary>
    public required ScenarioStatus Status { get; init; }
    /// <summary>Why the scenario failed to run, when <see cref="Status"/> is <see cref="ScenarioStatus.Error"/>.</summary>
    public string? Error { get; init; }
    /// <summary>What the scenario did, e.g. the load it applied.</summary>
    public string? Description { get; init; }
    /// <summary>SHA-256 of the scenario file, so history can tell when a scenario changed.</summary>
    public string? ScenarioHash { get; init; }
    /// <summary>When the scenario started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>How long the scenario ran.</summary>
    public TimeSpan Duration { get; init; }
    /// <summary>The load model as configured, e.g. "constant-arrival-rate 50/s for 12s".</summary>
    public string? LoadModel { get; init; }
    /// <summary>Latency and other distributions by snake_case name (e.g. <c>http_req_duration</c>).</summary>
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; init; } = new Dictionary<string, MetricSummary>();
    /// <summary>Counts: requests, errors, dropped iterations, status codes (<c>status_200</c>), error kinds (<c>error_timeout</c>)…</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();
    /// <summary>Scalar figures: achieved rate, ratios, predictions (unit in the name, e.g. <c>gateway_overhead_ratio</c>).</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = new Dictionary<string, double>();
    /// <summary>Time series of the run (per-second requests, errors, latency percentiles…).</summary>
    public IReadOnlyList<TimeSeries> Series { get; init; } = [];
    /// <summary>Small raw sample sets, e.g. cold-start times per mode, for box plots.</summary>
    public IReadOnlyList<SampleSet> Samples { get; init; } = [];
    /// <summary>Tables the scenario reports beside its metrics.</summary>
    public IReadOnlyList<ResultTable> Tables { get; init; } = [];
    /// <summary>Thresholds judged on this result.</summary>
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];
    /// <summary>Main figures this scenario should have and does not, with why (e.g. <c>gateway_overhead_ratio</c>: no direct baseline on this target); a pass with any is partial.</summary>
    public IReadOnlyDictionary<string, string> Missing { get; init; } = new Dictionary<string, string>();
    /// <summary>Facts about how the scenario measured (e.g. <c>cold_start_method</c>, <c>node</c>: where the node scenario ran).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
    /// <summary>How the load was spread over agents, when it was (null for a single process).</summary>
    public DistributedRun? Distributed { get; init; }
    /// <summary>Plain-language notes the report shows (e.g. "k3s uses SQLite through kine: no etcd metrics").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
