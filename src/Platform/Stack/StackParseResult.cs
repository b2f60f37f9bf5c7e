using Harness.Platform.Contracts;

namespace Harness.Platform.Stack;

/// <summary>The outcome of reading a stack file: the stack when there is no error, and every diagnostic found.</summary>
public sealed record StackParseResult
{
    /// <summary>The stack, or null when any error was found (nothing is half-applied).</summary>
    public StackFile? Stack { get; init; }

    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    public bool Succeeded => Stack is not null;
}
