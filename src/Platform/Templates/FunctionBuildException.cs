namespace Harness.Platform.Templates;

/// <summary>A build request that cannot be built; <see cref="Errors"/> lists every problem found.</summary>
public sealed class FunctionBuildException : Exception
{
    public FunctionBuildException(IReadOnlyList<string> errors)
        : base("cannot build function: " + string.Join("; ", errors)) => Errors = errors;

    public FunctionBuildException()
        : this([])
    {
    }

    public FunctionBuildException(string message)
        : base(message) => Errors = [message];

    public FunctionBuildException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }
}
