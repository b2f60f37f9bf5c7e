namespace Harness.Compliance.Collectors;

/// <summary>Reads configuration files on the node; local (under a root directory) or, later, over the node probes' SSH access.</summary>
internal interface INodeFiles
{
    /// <summary>How the node is reached, for evidence locations ("local:/", "ssh://host").</summary>
    string Describe { get; }

    /// <summary>The file's text, or null when it does not exist.</summary>
    Task<string?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The target of a symbolic link, or null when the path is not one.</summary>
    Task<string?> ReadLinkAsync(string path, CancellationToken cancellationToken);

    /// <summary>Files in a directory matching a pattern ("*.conf"), sorted; empty when the directory does not exist.</summary>
    Task<IReadOnlyList<string>> ListAsync(string directory, string pattern, CancellationToken cancellationToken);
}
