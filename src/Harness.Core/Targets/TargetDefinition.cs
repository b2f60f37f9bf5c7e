using Harness.Compliance.Evidence;
using Harness.Node.Access;
using Harness.Results;

namespace Harness.Targets;

/// <summary>A parsed target file: the embedded platform, or a remote gateway and how to log in to it.</summary>
internal sealed record TargetDefinition
{
    public required string File { get; init; }
    public required string Name { get; init; }
    /// <summary><c>embedded</c> or <c>remote</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>Remote: the gateway's base URL.</summary>
    public Uri? Gateway { get; init; }
    /// <summary>Embedded: a stack file whose functions are deployed when the platform starts. Remote: the functions the harness expects to find deployed (checked), deployed only with <see cref="Deploy"/>.</summary>
    public string? Stack { get; init; }
    /// <summary>Remote: deploy the stack's functions by image through the gateway API before the scenarios, as faas-cli deploy does.</summary>
    public bool Deploy { get; init; }
    /// <summary>Remote (faas-netes): a kubeconfig with which cold start scales a function's Deployment to 0 when the gateway will not.</summary>
    public string? Kubeconfig { get; init; }
    /// <summary>Remote (faas-netes): the functions' Kubernetes namespace.</summary>
    public string FunctionNamespace { get; init; } = "openfaas-fn";
    /// <summary>Embedded: where the platform keeps its state; a fresh temporary directory when null.</summary>
    public string? StateDirectory { get; init; }
    /// <summary>Remote: environment variables holding the user name and password (read at run time, never stored).</summary>
    public string UserEnv { get; init; } = "OPENFAAS_USER";
    public string PasswordEnv { get; init; } = "OPENFAAS_PASSWORD";
    public bool TlsVerify { get; init; } = true;
    public string? Location { get; init; }
    public MoneyAmount? MonthlyPrice { get; init; }
    public string? Provider { get; init; }
    /// <summary>A residency policy file (absolute); when set, <c>harness run</c> also runs the compliance check.</summary>
    public string? Policy { get; init; }
    /// <summary>The <c>node:</c> section: where the node scenarios and the compliance check read the node; this machine, undeclared, without one.</summary>
    public NodeTarget Node { get; init; } = NodeTarget.Local;
    /// <summary><see cref="Location"/> as the compliance check records it (ISO country code, where it was declared); null without <c>location:</c>.</summary>
    public DeclaredLocation? DeclaredLocation { get; init; }
    /// <summary>
    /// The <c>distributed:</c> section: agents for the run's scenarios that can be spread (the flags and a scenario
    /// file's own section override it field by field); null without one.
    /// </summary>
    public Harness.Distributed.DistributedSection? Distributed { get; init; }
}
