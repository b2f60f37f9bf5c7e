using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>What <c>nginx -t</c> said about the configuration; <see cref="Verified"/> is false when no nginx was found to ask.</summary>
internal sealed record NginxSyntaxFacts
{
    public bool Verified { get; init; }
    public bool Accepted { get; init; }
    /// <summary>nginx's own output (its [emerg] lines on a refusal).</summary>
    public string Message { get; init; } = "";
    public required EvidenceItem Evidence { get; init; }
}
