using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>What a running gateway answered to requests sent without credentials.</summary>
internal sealed record GatewayFacts
{
    public required string Url { get; init; }
    /// <summary>HTTP status of GET /system/functions without credentials, or null when unreachable.</summary>
    public int? FunctionsStatusWithoutAuth { get; init; }
    public int? InfoStatusWithoutAuth { get; init; }
    public string? Provider { get; init; }
    public string? Orchestration { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
}
