using Harness.Compliance.Collectors;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance;

/// <summary>What to check against which policy; every input but the policy is optional, and an absent one is reported as not checked.</summary>
internal sealed record ResidencyCheckRequest
{
    public required string PolicyFile { get; init; }
    public IReadOnlyList<string> StackFiles { get; init; } = [];
    /// <summary>A target file: its declared location is used (declared, not verified).</summary>
    public string? TargetFile { get; init; }
    /// <summary>The target file already parsed (<c>harness run</c>); when set, <see cref="TargetFile"/> is not read.</summary>
    public Harness.Targets.TargetDefinition? Target { get; init; }
    public string? Kubeconfig { get; init; }
    public string? NginxConfig { get; init; }
    /// <summary>Finds the nginx binary for <c>nginx -t</c>; null when none is installed. Defaults to PATH and /usr/sbin.</summary>
    public Func<string?> LocateNginx { get; init; } = NginxSyntaxCheck.FindNginx;
    /// <summary>The gateway's request-body limit in bytes when known (the embedded platform's own); null when not reported.</summary>
    public long? GatewayBodyLimit { get; init; }
    /// <summary>The gateway's upstream timeout when known (the embedded platform's own); null when not reported.</summary>
    public TimeSpan? GatewayUpstreamTimeout { get; init; }
    /// <summary>The largest request body each of the run's scenarios sends, by scenario name.</summary>
    public IReadOnlyDictionary<string, long> ScenarioPayloads { get; init; } = new Dictionary<string, long>();
    public Uri? GatewayUrl { get; init; }
    public (string User, string Password)? GatewayCredentials { get; init; }
    /// <summary>Root directory of the node's file system ("/" for this machine); null skips the node checks.</summary>
    public string? NodeRoot { get; init; }
    /// <summary>Opens the node through the node probes' access (a target's <c>node:</c> section); used when <see cref="NodeRoot"/> is null.</summary>
    public Func<Harness.Node.Access.INodeAccess>? OpenNode { get; init; }
    /// <summary>A CIDR → country file; without one, IP addresses have an unknown country.</summary>
    public string? IpCountryFile { get; init; }
    /// <summary>Facts from the node-tuning probes, recorded with the node's evidence when they ran.</summary>
    public IReadOnlyList<EvidenceItem> TuningFacts { get; init; } = [];
}
