namespace Harness.Node.Fsync;

/// <summary>What the etcd-fsync scenario does: the probe, the fio cross-check, and optionally a real etcd under a bounded put load.</summary>
internal sealed record EtcdFsyncOptions
{
    public FsyncProbeOptions Probe { get; init; } = new();
    /// <summary>Overrides the target's datastore directory.</summary>
    public string? Directory { get; init; }
    /// <summary>Run fio beside the built-in probe when it is installed.</summary>
    public bool FioCrossCheck { get; init; } = true;
    /// <summary>Start (locally) or read (remote endpoint) a real etcd and report its disk histograms.</summary>
    public bool RealEtcd { get; init; }
    public int Puts { get; init; } = 2000;
    public int PutConcurrency { get; init; } = 8;
    public int PutValueBytes { get; init; } = 256;
    /// <summary>Writing keys into someone's running etcd changes it, so it needs this explicit flag.</summary>
    public bool RemotePutLoad { get; init; }
    public TimeSpan PutMaxDuration { get; init; } = TimeSpan.FromSeconds(60);
    public double P99LimitMs { get; init; } = 10;
    public double WalFsyncLimitMs { get; init; } = 10;
    public double BackendCommitLimitMs { get; init; } = 25;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Probe.Validate());
        if (Puts is < 1 or > 1_000_000)
        {
            errors.Add($"puts {Puts}: expected 1 to 1,000,000");
        }

        if (PutConcurrency is < 1 or > 256)
        {
            errors.Add($"put concurrency {PutConcurrency}: expected 1 to 256");
        }

        if (PutValueBytes is < 1 or > 1024 * 1024)
        {
            errors.Add($"put value size {PutValueBytes}: expected 1 byte to 1 MiB");
        }

        if (Directory is not null && !Directory.StartsWith('/'))
        {
            errors.Add($"directory {Directory}: must be absolute");
        }

        return errors;
    }
}
