namespace Harness.Results;

/// <summary>Facts about the machine and software that produced the run.</summary>
public sealed record EnvironmentInfo
{
    /// <summary>The host name of the machine that ran the harness.</summary>
    public string? Hostname { get; init; }
    /// <summary>The kernel release.</summary>
    public string? Kernel { get; init; }
    /// <summary>The operating system description.</summary>
    public string? OperatingSystem { get; init; }
    /// <summary>Logical CPUs available.</summary>
    public int Cpus { get; init; }
    /// <summary>The CPU model, from /proc/cpuinfo.</summary>
    public string? CpuModel { get; init; }
    /// <summary>Total memory in bytes.</summary>
    public long MemoryBytes { get; init; }
    /// <summary>A description of the machine's disk (device, size, kind), when known.</summary>
    public string? Disk { get; init; }
    /// <summary>The commit of the harness that ran, when known.</summary>
    public string? GitCommit { get; init; }
    /// <summary>The harness version.</summary>
    public string? HarnessVersion { get; init; }
    /// <summary>The .NET runtime version.</summary>
    public string? DotnetVersion { get; init; }
    /// <summary>Other tool versions (python3, etcd, fio, wrk…).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();
}
