namespace Harness.Results;

/// <summary>What was measured: the embedded platform or a remote gateway.</summary>
public sealed record TargetInfo
{
    /// <summary>The target's name.</summary>
    public required string Name { get; init; }
    /// <summary><c>embedded</c> or <c>remote</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>The gateway URL measured, without credentials.</summary>
    public string? GatewayUrl { get; init; }
    /// <summary>The provider behind the gateway (e.g. <c>local</c>, <c>kubernetes</c>).</summary>
    public string? Provider { get; init; }
    /// <summary>Location the target file declares, e.g. "NO / Oslo" (declared, not verified).</summary>
    public string? DeclaredLocation { get; init; }
    /// <summary>What <c>/system/info</c> says the gateway is: <c>harness</c>, <c>openfaas-ce</c>, <c>openfaas-pro</c>, <c>openfaas</c> (not known which edition); null when not asked.</summary>
    public string? Flavour { get; init; }
    /// <summary>The gateway's release and commit as <c>/system/info</c> reports them.</summary>
    public string? GatewayVersion { get; init; }
    /// <summary>The provider's name (<c>faas-netes</c>, <c>faasd</c>, <c>harness-local</c>…), orchestration and version from <c>/system/info</c>.</summary>
    public string? ReportedProvider { get; init; }
    /// <summary>The orchestration the provider reports.</summary>
    public string? Orchestration { get; init; }
    /// <summary>The provider's version.</summary>
    public string? ProviderVersion { get; init; }
    /// <summary>The target's CPU architecture.</summary>
    public string? Arch { get; init; }
    /// <summary>The target's limits as far as they are known (value, or "not known: what would tell"), with where each comes from.</summary>
    public IReadOnlyList<TargetLimit> Limits { get; init; } = [];
    /// <summary>Problems found when connecting (a stack function that is not deployed…); the scenarios that need it say so again.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Flat monthly price of the node, for the cost comparison.</summary>
    public MoneyAmount? MonthlyPrice { get; init; }
}
