namespace Harness.Platform.Stack;

/// <summary>A parsed, valid stack file (faas-cli's stack.yml).</summary>
public sealed record StackFile
{
    /// <summary>The path as the user gave it (used in messages).</summary>
    public required string Path { get; init; }

    /// <summary>The absolute folder the stack file is in; handlers and environment files resolve against it.</summary>
    public required string Directory { get; init; }

    public string? Version { get; init; }

    public required StackProvider Provider { get; init; }

    /// <summary>The functions in file order.</summary>
    public required IReadOnlyList<StackFunction> Functions { get; init; }
}
