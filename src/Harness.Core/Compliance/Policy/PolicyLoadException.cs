using Harness.Platform.Contracts;

namespace Harness.Compliance.Policy;

/// <summary>A policy file that cannot be used, with every error found in it.</summary>
internal sealed class PolicyLoadException : Exception
{
    public PolicyLoadException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public PolicyLoadException()
        : this([])
    {
    }

    public PolicyLoadException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public PolicyLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
