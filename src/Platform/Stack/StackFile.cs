namespace Harness.Platform.Stack;

/// <summary>A parsed, valid stack file (faas-cli's stack.yml).</summary>
public sealed record StackFile
{
    /// <summary>The path as the user gave it (used in messages).</summary>
    public required string Path { get; init; }

    /// <summary>The absolute folder the stack file is in; handlers and environment files resolve against it.</summary>
    public required string Directory { get; init; }

    /// <summary>The stack's <c>version</c> (faas-cli accepts only <c>1.0</c>); null when the file does not say.</summary>
    public string? Version { get; init; }

    /// <summary>The <c>provider</c> section.</summary>
    public required StackProvider Provider { get; init; }

    /// <summary>The functions in file order.</summary>
    public required IReadOnlyList<StackFunction> Functions { get; init; }
}
