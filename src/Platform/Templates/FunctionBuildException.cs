namespace Harness.Platform.Templates;

/// <summary>A build request that cannot be built; <see cref="Errors"/> lists every problem found.</summary>
public sealed class FunctionBuildException : Exception
{
    /// <summary>With every problem found; the message joins them.</summary>
    public FunctionBuildException(IReadOnlyList<string> errors)
        : base("cannot build function: " + string.Join("; ", errors)) => Errors = errors;

    /// <summary>Without a problem listed (<see cref="Errors"/> is empty).</summary>
    public FunctionBuildException()
        : this([])
    {
    }

    /// <summary>With one problem, which is also the message.</summary>
    public FunctionBuildException(string message)
        : base(message) => Errors = [message];

    /// <summary>With one problem and the failure behind it (an I/O error while writing the build folder, for example).</summary>
    public FunctionBuildException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Every problem found, one sentence each, naming the field or file.</summary>
    public IReadOnlyList<string> Errors { get; }
}
