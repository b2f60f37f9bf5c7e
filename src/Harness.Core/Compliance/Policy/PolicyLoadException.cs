namespace Harness.Compliance.Policy;

/// <summary>A policy file that cannot be used, with every error found in it.</summary>
internal sealed class PolicyLoadException : Exception
{
    public PolicyLoadException(IReadOnlyList<PolicyError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public PolicyLoadException()
        : this([])
    {
    }

    public PolicyLoadException(string message)
        : base(message)
    {
        Errors = [];
    }

    public PolicyLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<PolicyError> Errors { get; }
}
