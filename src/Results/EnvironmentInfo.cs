namespace Harness.Results;

/// <summary>Facts about the machine and software that produced the run.</summary>
public sealed record EnvironmentInfo
{
    public string? Hostname { get; init; }
    public string? Kernel { get; init; }
    public string? OperatingSystem { get; init; }
    public int Cpus { get; init; }
    public string? CpuModel { get; init; }
    public long MemoryBytes { get; init; }
    public string? Disk { get; init; }
    public string? GitCommit { get; init; }
    public string? HarnessVersion { get; init; }
    public string? DotnetVersion { get; init; }
    /// <summary>Other tool versions (python3, etcd, fio, wrk…).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();
}
