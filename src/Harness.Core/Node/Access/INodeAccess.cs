namespace Harness.Node.Access;

/// <summary>Runs short, bounded probes on the node under test: a command with a timeout, or a bounded file read.</summary>
internal interface INodeAccess : IAsyncDisposable
{
    /// <summary>"local" or "ssh user@host:port", for notes and errors.</summary>
    string Description { get; }

    bool IsLocal { get; }

    /// <summary>Runs <paramref name="command"/> through <c>/bin/sh -c</c>; output beyond the bound is cut and flagged.</summary>
    Task<NodeCommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads at most <see cref="NodeLimits.MaxFileBytes"/> of a file; null when it does not exist or cannot be read.</summary>
    Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken);
}
