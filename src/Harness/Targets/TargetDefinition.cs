using Harness.Results;

namespace Harness.Targets;

/// <summary>A parsed target file: the embedded platform, or a remote gateway and how to log in to it.</summary>
internal sealed record TargetDefinition
{
    public required string File { get; init; }
    public required string Name { get; init; }
    /// <summary><c>embedded</c> or <c>remote</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>Remote: the gateway's base URL.</summary>
    public Uri? Gateway { get; init; }
    /// <summary>Embedded: a stack file whose functions are deployed when the platform starts.</summary>
    public string? Stack { get; init; }
    /// <summary>Embedded: where the platform keeps its state; a fresh temporary directory when null.</summary>
    public string? StateDirectory { get; init; }
    /// <summary>Remote: environment variables holding the user name and password (read at run time, never stored).</summary>
    public string UserEnv { get; init; } = "OPENFAAS_USER";
    public string PasswordEnv { get; init; } = "OPENFAAS_PASSWORD";
    public bool TlsVerify { get; init; } = true;
    public string? Location { get; init; }
    public MoneyAmount? MonthlyPrice { get; init; }
    public string? Provider { get; init; }
    /// <summary>A residency policy file (absolute); when set, <c>harness run</c> also runs the compliance check.</summary>
    public string? Policy { get; init; }
}
