using Harness.Load;

namespace Harness.Scenarios;

/// <summary>A parsed, validated scenario file.</summary>
public sealed record ScenarioDefinition
{
    public required string File { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? Description { get; init; }
    /// <summary>SHA-256 of the file's bytes.</summary>
    public required string Hash { get; init; }
    /// <summary>Plain-URL target (<c>target.url</c>).</summary>
    public Uri? Url { get; init; }
    /// <summary>Function target (<c>target.function</c>), invoked through the target's gateway.</summary>
    public string? Function { get; init; }
    /// <summary>Path appended to the function URL.</summary>
    public string? FunctionPath { get; init; }
    public string Method { get; init; } = "GET";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string? Body { get; init; }
    public string? ContentType { get; init; }
    public LoadOptions? Load { get; init; }
    public ConnectionPolicy Connections { get; init; } = ConnectionPolicy.Default;
    public IReadOnlyList<string> Thresholds { get; init; } = [];
    /// <summary>A stack file (absolute path) whose functions are deployed before the run when they are missing.</summary>
    public string? Stack { get; init; }
    /// <summary>Throughput: also measure the function's watchdog directly, when the target can reach it.</summary>
    public bool Baseline { get; init; } = true;
    public ColdStartOptions? ColdStart { get; init; }
    public ChurnOptions? Churn { get; init; }
    /// <summary>Capacity: the ramp of arrival rates and the conditions that end it.</summary>
    public CapacityOptions? Capacity { get; init; }
    /// <summary>Connection churn: how often the socket samplers read the kernel counters.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>etcd-fsync, conntrack and node-audit: the <c>node:</c> section.</summary>
    public Harness.Scenarios.NodeScenarioOptions? Node { get; init; }
    /// <summary><c>regression.tolerance</c> as a fraction (0.1 = 10%); null uses harness compare's default.</summary>
    public double? RegressionTolerance { get; init; }
    /// <summary>The <c>distributed:</c> section: agents for this scenario (the flags override it, it overrides the target file's).</summary>
    public Harness.Distributed.DistributedSection? Distributed { get; init; }
}
