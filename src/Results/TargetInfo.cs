namespace Harness.Results;

/// <summary>What was measured: the embedded platform or a remote gateway.</summary>
public sealed record TargetInfo
{
    public required string Name { get; init; }
    /// <summary><c>embedded</c> or <c>remote</c>.</summary>
    public required string Kind { get; init; }
    public string? GatewayUrl { get; init; }
    public string? Provider { get; init; }
    /// <summary>Location the target file declares, e.g. "NO / Oslo" (declared, not verified).</summary>
    public string? DeclaredLocation { get; init; }
    /// <summary>Flat monthly price of the node, for the cost comparison.</summary>
    public MoneyAmount? MonthlyPrice { get; init; }
}
