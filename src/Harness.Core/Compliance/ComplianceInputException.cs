namespace Harness.Compliance;

/// <summary>An input the check cannot use (bad policy, stack, target, nginx or IP file); the CLI exits 2 with these messages.</summary>
internal sealed class ComplianceInputException : Exception
{
    public ComplianceInputException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public ComplianceInputException()
        : this([])
    {
    }

    public ComplianceInputException(string message)
        : this([message])
    {
    }

    public ComplianceInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}
