namespace Harness.Runs;

/// <summary>
/// The per-step costs a run plan assumes where a scenario's length is not written in it (a cold start, a deploy, an
/// fdatasync). Defaults are generous figures from a default-profile run of the suite on a 2-core shared VM
/// (2026-11-28: 94 s measured, 96 s planned); a plan is an estimate, never a promise.
/// </summary>
internal sealed record PlanCosts
{
    /// <summary>Starting the target: the embedded platform and the stack's deploys (a remote target: login and list).</summary>
    public TimeSpan TargetStart { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>One cold-start repetition of one function: scale to zero, wait for no replica, the cold call.</summary>
    public TimeSpan ColdStartCycle { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One warm call after a cold one.</summary>
    public TimeSpan WarmCall { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>One function deployed (or re-created) until ready.</summary>
    public TimeSpan Deploy { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>One iteration of an iteration-bounded load, per VU.</summary>
    public TimeSpan Iteration { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>One write plus fdatasync of the etcd fio job (the harness's own, and fio's again when enabled).</summary>
    public TimeSpan Fdatasync { get; init; } = TimeSpan.FromMilliseconds(1.5);

    /// <summary>One put of the etcd load, and starting that etcd.</summary>
    public TimeSpan EtcdPut { get; init; } = TimeSpan.FromMilliseconds(2);

    public TimeSpan EtcdStart { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The conntrack lab's namespaces, veth and server, up and down.</summary>
    public TimeSpan LabSetup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The node audit: reading sysctls and files.</summary>
    public TimeSpan NodeAudit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The residency/compliance check of the target (collectors, DNS and TLS look-ups).</summary>
    public TimeSpan Compliance { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>results.json, junit.xml, the history write and the PDF report.</summary>
    public TimeSpan Outputs { get; init; } = TimeSpan.FromSeconds(2);
}
