namespace Harness.Compliance.Evidence;

/// <summary>
/// What a Harness gateway's <c>/system/info</c> says about the replica sandbox (<c>provider.sandbox</c>); a real
/// OpenFaaS gateway has no such object, so the facts are absent there.
/// </summary>
internal sealed record SandboxFacts
{
    public bool Enforced { get; init; }
    public bool NonRoot { get; init; }
    public string? Mechanism { get; init; }
    public string? UidRange { get; init; }
    public IReadOnlyList<string> NotEnforced { get; init; } = [];
}
