using Harness.Node.Proc;

namespace Harness.Node.Audit;

/// <summary>What the audit read from a node: sysctls by dotted name (null when absent), swap, and the datastore's filesystem.</summary>
internal sealed record NodeFacts
{
    public required string Node { get; init; }
    public required IReadOnlyDictionary<string, string?> Sysctls { get; init; }
    public SwapInfo? Swap { get; init; }
    public required string DatastoreDir { get; init; }
    public bool DatastoreExists { get; init; }
    public MountEntry? DatastoreMount { get; init; }
    /// <summary>From /sys/block/DEV/queue/rotational; null when the device is not a plain block device.</summary>
    public bool? DatastoreRotational { get; init; }
    /// <summary>New TCP connections/s measured on the node (/proc/net/snmp opens over a short window).</summary>
    public double? MeasuredNewConnectionsPerSecond { get; init; }
    /// <summary>The churn the target file expects.</summary>
    public double? ExpectedNewConnectionsPerSecond { get; init; }

    public string? Sysctl(string name) => Sysctls.TryGetValue(name, out var v) ? v?.Trim() : null;
}
