namespace Harness.Node.Access;

/// <summary>A target file that cannot be used; <see cref="Errors"/> holds every problem as <c>file:line:column: field: message</c>.</summary>
internal sealed class TargetFileException : Exception
{
    public TargetFileException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
