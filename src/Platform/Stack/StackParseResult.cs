namespace Harness.Platform.Stack;

/// <summary>The outcome of reading a stack file: the stack when there is no error, and every diagnostic found.</summary>
public sealed record StackParseResult
{
    /// <summary>The stack, or null when any error was found (nothing is half-applied).</summary>
    public StackFile? Stack { get; init; }

    public required IReadOnlyList<StackDiagnostic> Diagnostics { get; init; }

    public IEnumerable<StackDiagnostic> Errors => Diagnostics.Where(d => d.Severity == StackSeverity.Error);

    public IEnumerable<StackDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == StackSeverity.Warning);

    public bool Succeeded => Stack is not null;
}
