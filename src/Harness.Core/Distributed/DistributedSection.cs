namespace Harness.Distributed;

/// <summary>
/// What one source says about a run's distribution: a scenario file's or a target file's <c>distributed:</c> section,
/// or the <c>--agents</c>/<c>--agent-*</c> flags. A null field says nothing (the next source, or the default, applies).
/// Precedence, field by field: the flags, then the scenario file, then the target file.
/// </summary>
public sealed record DistributedSection
{
    /// <summary><c>agents</c> (<c>--agents</c>): the number of agents, 1 to 256.</summary>
    public int? Agents { get; init; }

    /// <summary><c>runtime</c> (<c>--agent-runtime</c>): <c>local</c> or <c>kubernetes</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary><c>spread</c> (<c>--agent-spread</c>): one agent per node where the cluster allows.</summary>
    public bool? Spread { get; init; }

    /// <summary><c>cpu</c> (<c>--agent-cpu</c>): CPU request and limit per agent.</summary>
    public string? Cpu { get; init; }

    /// <summary><c>memory</c> (<c>--agent-memory</c>): memory request and limit per agent.</summary>
    public string? Memory { get; init; }

    /// <summary><c>image</c> (<c>--agent-image</c>): the harness image the agents' pods run.</summary>
    public string? Image { get; init; }

    /// <summary><c>namespace</c> (<c>--agent-namespace</c>): where the agents' Job is created.</summary>
    public string? Namespace { get; init; }

    /// <summary><c>kubeconfig</c> (<c>--kubeconfig</c>): an absolute path.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>True when a field only Kubernetes agents use is set.</summary>
    public bool HasKubernetesFields => Spread is not null || Cpu is not null || Memory is not null || Image is not null || Namespace is not null || Kubeconfig is not null;
}
