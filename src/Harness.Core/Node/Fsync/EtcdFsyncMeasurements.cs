using Harness.Node.Etcd;

namespace Harness.Node.Fsync;

/// <summary>Everything the etcd-fsync scenario measured, before it is turned into a result.</summary>
internal sealed record EtcdFsyncMeasurements
{
    public required string NodeDescription { get; init; }
    public required string Directory { get; init; }
    public string? FileSystem { get; init; }
    public string? Device { get; init; }
    public DatastoreKind Datastore { get; init; }
    /// <summary>The built-in probe (local) or what ran remotely (fio or dd).</summary>
    public required FsyncProbeResult Probe { get; init; }
    public FsyncProbeResult? Fio { get; init; }
    public string? FioSkippedReason { get; init; }
    /// <summary>Disk histograms observed during the put load (or since etcd started, when no load was driven).</summary>
    public EtcdDiskMetrics? Etcd { get; init; }
    public string? EtcdSource { get; init; }
    public bool EtcdCumulative { get; init; }
    public EtcdPutLoad.Result? Puts { get; init; }
    public string? EtcdSkippedReason { get; init; }
}
