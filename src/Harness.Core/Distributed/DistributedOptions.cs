namespace Harness.Distributed;

/// <summary>How to spread a run's load: <c>--agents N --agent-runtime local|kubernetes</c>, or a target's or scenario's <c>distributed:</c> section.</summary>
internal sealed record DistributedOptions
{
    public const string Local = "local";
    public const string Kubernetes = "kubernetes";

    /// <summary>Number of agents; 1 runs the load in this process as before.</summary>
    public int Agents { get; init; } = 1;
    public string Runtime { get; init; } = Local;
    /// <summary>Kubernetes: one agent per node where possible (topology spread over hostnames).</summary>
    public bool Spread { get; init; }
    /// <summary>Kubernetes: the harness image the agents run.</summary>
    public string? Image { get; init; }
    /// <summary>Kubernetes: the kubeconfig (null: <c>KUBECONFIG</c>, <c>~/.kube/config</c> or in-cluster, as kubectl).</summary>
    public string? Kubeconfig { get; init; }
    /// <summary>Kubernetes: the namespace the Job is created in (null: the kubeconfig context's, else <c>default</c>).</summary>
    public string? Namespace { get; init; }
    /// <summary>Kubernetes: CPU request and limit per agent (a quantity such as <c>2</c> or <c>500m</c>).</summary>
    public string? Cpu { get; init; }
    /// <summary>Kubernetes: memory request and limit per agent (e.g. <c>512Mi</c>).</summary>
    public string? Memory { get; init; }

    public bool IsDistributed => Agents > 1 || Runtime == Kubernetes;
}
