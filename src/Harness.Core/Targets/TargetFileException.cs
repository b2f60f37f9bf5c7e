using Harness.Platform.Contracts;

namespace Harness.Targets;

/// <summary>A target file that cannot be used; <see cref="Diagnostics"/> holds every problem found in it.</summary>
internal sealed class TargetFileException : Exception
{
    public TargetFileException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
