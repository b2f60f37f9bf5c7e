namespace Harness.Scenarios;

/// <summary>The runners a scenario file can name in <c>kind:</c>.</summary>
public static class ScenarioKinds
{
    public const string Http = "http";
    public const string Throughput = "throughput";
    public const string Capacity = "capacity";
    public const string ColdStart = "cold-start";
    public const string ConnectionChurn = "connection-churn";
    public const string DeploymentChurn = "deployment-churn";
    public const string EtcdFsync = "etcd-fsync";
    public const string Conntrack = "conntrack";
    public const string NodeAudit = "node-audit";

    /// <summary>Node scenarios probe the node, not a gateway, so they run without one.</summary>
    public static bool IsNode(string kind) => kind is EtcdFsync or Conntrack or NodeAudit;

    public static IReadOnlyList<string> All { get; } = [Http, Throughput, Capacity, ColdStart, ConnectionChurn, DeploymentChurn, EtcdFsync, Conntrack, NodeAudit];
}
