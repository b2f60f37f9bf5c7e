namespace Harness.Platform.Kubernetes;

/// <summary>The Indexed Job of a distributed <c>harness run</c>: N pods running the harness image as <c>harness agent</c>.</summary>
public sealed record AgentJobOptions
{
    /// <summary>The run's id; the Job, its pods and its ServiceAccount carry it as a label, so the run's cleanup finds all of them.</summary>
    public required string RunId { get; init; }
    /// <summary>Where the Job is created.</summary>
    public required string Namespace { get; init; }
    /// <summary>Number of agents (completions and parallelism).</summary>
    public required int Agents { get; init; }
    /// <summary>The harness image.</summary>
    public required string Image { get; init; }
    /// <summary>The name of the Secret that holds the run's agent token under key <c>token</c>.</summary>
    public required string TokenSecret { get; init; }
    /// <summary>One agent per node where the cluster allows (topology spread over hostnames, maxSkew 1).</summary>
    public bool Spread { get; init; }
    /// <summary>CPU request and limit per agent, e.g. <c>1</c> or <c>500m</c>; null sets none.</summary>
    public string? Cpu { get; init; }
    /// <summary>Memory request and limit per agent, e.g. <c>512Mi</c>; null sets none.</summary>
    public string? Memory { get; init; }
    /// <summary>The port the agents listen on inside their pods.</summary>
    public int Port { get; init; } = 8089;
    /// <summary>The Job's activeDeadlineSeconds: the plan plus timeouts and a margin, so a Job whose coordinator vanished still ends.</summary>
    public long DeadlineSeconds { get; init; } = 3600;
    /// <summary>The Job's ttlSecondsAfterFinished: how long a finished (or failed) Job stays before it is deleted with everything it owns.</summary>
    public int TtlSeconds { get; init; } = 300;
}
