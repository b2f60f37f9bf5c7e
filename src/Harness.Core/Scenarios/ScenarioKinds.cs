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

    /// <summary>
    /// Why a scenario of <paramref name="kind"/> cannot be spread over agents (<c>--agents</c>, <c>distributed:</c>), or
    /// null when it can: the kinds whose work is one load plan (http, throughput, connection-churn) are split into
    /// execution segments; the others are not a load plan that segments.
    /// </summary>
    public static string? NotDistributable(string kind) => kind switch
    {
        Http or Throughput or ConnectionChurn => null,
        Capacity => "its ramp stops at the first step that breaks, judged live on one engine's per-step windows, while agents run a fixed plan to its end",
        ColdStart => "it times single first requests after a scale to zero: there is no load to split",
        DeploymentChurn => "it deploys and removes functions through the gateway API one cycle after another: control-plane calls in order, not a load to split",
        EtcdFsync or Conntrack or NodeAudit => "it probes the node from this machine: there is no load to split",
        _ => "it is not a load plan",
    };

    public static IReadOnlyList<string> All { get; } = [Http, Throughput, Capacity, ColdStart, ConnectionChurn, DeploymentChurn, EtcdFsync, Conntrack, NodeAudit];
}
