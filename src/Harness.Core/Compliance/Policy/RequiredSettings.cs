namespace Harness.Compliance.Policy;

/// <summary>The configuration settings a policy requires; each one turns a rule on.</summary>
internal sealed record RequiredSettings
{
    public bool IngressTls { get; init; } = true;
    public bool SystemAuth { get; init; } = true;
    public bool MemoryLimit { get; init; } = true;
    public bool ReadOnlyRootFilesystem { get; init; } = true;
    public bool NonRoot { get; init; } = true;
    public bool AlignedTimeouts { get; init; } = true;
}
