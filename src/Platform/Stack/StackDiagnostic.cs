namespace Harness.Platform.Stack;

/// <summary>One problem found in a stack file: where it is, which field, and what was expected.</summary>
/// <param name="Severity">Whether it stops the stack from being used.</param>
/// <param name="File">The file it is in (the stack file, or an environment file it names), as the user gave it.</param>
/// <param name="Position">Where in <paramref name="File"/>; line 0 for a problem with the file as a whole.</param>
/// <param name="Field">The field's path, e.g. <c>functions.hello.limits.memory</c>; empty for the file as a whole.</param>
/// <param name="Message">What is wrong and what was expected.</param>
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
