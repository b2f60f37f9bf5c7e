namespace Harness.Compliance.Collectors;

/// <summary>One parsed stack file as the compliance check sees it: its path, provider gateway and functions.</summary>
internal sealed record StackInput(string File, string? Gateway, IReadOnlyList<StackFunctionInput> Functions);
