namespace Harness.Node.Access;

/// <summary>How to reach a node over SSH; paths are absolute once the target file has been read.</summary>
internal sealed record SshTarget
{
    public required string Host { get; init; }
    public int Port { get; init; } = 22;
    public required string User { get; init; }
    public required string KeyFile { get; init; }
    /// <summary>The known_hosts file the host key is checked against; null only when <see cref="InsecureIgnoreHostKey"/>.</summary>
    public string? KnownHosts { get; init; }
    public bool InsecureIgnoreHostKey { get; init; }
}
