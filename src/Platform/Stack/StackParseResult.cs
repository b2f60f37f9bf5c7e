using Harness.Platform.Contracts;

namespace Harness.Platform.Stack;

/// <summary>The outcome of reading a stack file: the stack when there is no error, and every diagnostic found.</summary>
public sealed record StackParseResult
{
    /// <summary>The stack, or null when any error was found (nothing is half-applied).</summary>
    public StackFile? Stack { get; init; }

    /// <summary>Every error and warning, in the order found; empty for a clean file.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>The diagnostics that are errors.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The diagnostics of <see cref="DiagnosticSeverity.Warning"/>.</summary>
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    /// <summary>Whether the stack can be used (no error; warnings allowed).</summary>
    public bool Succeeded => Stack is not null;
}
