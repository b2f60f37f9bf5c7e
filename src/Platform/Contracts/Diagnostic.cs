namespace Harness.Platform.Contracts;

/// <summary>
/// One problem found in an input file (a scenario, target, policy or stack file): the file, where in it (line and
/// column, 1-based; 0 when the problem concerns the whole file), the field path (<c>load.rate</c>, <c>node.ssh.host</c>;
/// empty when none applies) and what was expected.
/// </summary>
/// <remarks>
/// The one diagnostic type of every file-format owner: each returns its record plus a list of these, and every caller
/// prints them through <see cref="ToString"/>. It lives in Platform's contracts because the stack-file parser is here
/// and every other owner (in the harness) references Platform; Harness.Load, which knows no files, reports
/// <c>ConfigError</c> (field and message) and the scenario-file owner turns those into diagnostics with their position.
/// </remarks>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Field">The field path, or empty.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Severity">An error stops the file from being used; a warning does not.</param>
public sealed record Diagnostic(
    string File,
    int Line,
    int Column,
    string Field,
    string Message,
    DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>An error that concerns the whole file (no position).</summary>
    public static Diagnostic ForFile(string file, string field, string message) => new(file, 0, 0, field, message);

    /// <summary>Whether this diagnostic stops the file from being used.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// The compiler-style form every command prints, <c>file:line:col: field: message</c>; without a position
    /// <c>file: field: message</c>, and without a field the <c>field: </c> part is left out.
    /// </summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        // No file named (an empty path): the message says so, with no empty "file:" before it.
        var head = where.Length == 0 ? "" : where + ": ";
        return Field.Length == 0 ? $"{head}{Message}" : $"{head}{Field}: {Message}";
    }
}
