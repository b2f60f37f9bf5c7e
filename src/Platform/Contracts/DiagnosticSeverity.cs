namespace Harness.Platform.Contracts;

/// <summary>Whether a <see cref="Diagnostic"/> stops its file from being used.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The file can be used; the user should look at it.</summary>
    Warning,

    /// <summary>The file cannot be used.</summary>
    Error,
}
