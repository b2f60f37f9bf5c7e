namespace Harness.Targets;

/// <summary>A target file that cannot be used; <see cref="Errors"/> holds every problem as <c>file:line:column: field: message</c>.</summary>
internal sealed class TargetFileException : Exception
{
    public TargetFileException(IReadOnlyList<ScenarioDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
        Errors = [.. diagnostics.Select(d => d.ToString())];
    }

    public IReadOnlyList<ScenarioDiagnostic> Diagnostics { get; }

    public IReadOnlyList<string> Errors { get; }
}
