using Harness.Node;

namespace Harness.Scenarios;

/// <summary>The <c>node:</c> section of an etcd-fsync, conntrack or node-audit scenario file.</summary>
public sealed record NodeScenarioOptions
{
    /// <summary>A target file with a <c>node:</c> section (absolute); null means the run's --target, then the local node.</summary>
    public string? Target { get; init; }
    public long SizeBytes { get; init; } = 22L * 1024 * 1024;
    public int BlockSize { get; init; } = 2300;
    public string? Directory { get; init; }
    public bool Fio { get; init; } = true;
    public bool Etcd { get; init; }
    public int Puts { get; init; } = 2000;
    public bool Lab { get; init; }
    public int Connections { get; init; } = 20_000;
    public double Rate { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public double? ExpectedRate { get; init; }
}
