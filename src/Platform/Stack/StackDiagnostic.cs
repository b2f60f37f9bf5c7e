namespace Harness.Platform.Stack;

/// <summary>One problem found in a stack file: where it is, which field, and what was expected.</summary>
public sealed record StackDiagnostic(
    StackSeverity Severity,
    string File,
    SourcePosition Position,
    string Field,
    string Message)
{
    /// <summary>The compiler-style form, <c>file:line:col: field: message</c> (no position for file-level problems).</summary>
    public override string ToString() =>
        Position.Line == 0
            ? (Field.Length == 0 ? $"{File}: {Message}" : $"{File}: {Field}: {Message}")
            : Field.Length == 0
            ? $"{File}:{Position.Line}:{Position.Column}: {Message}"
            : $"{File}:{Position.Line}:{Position.Column}: {Field}: {Message}";
}
