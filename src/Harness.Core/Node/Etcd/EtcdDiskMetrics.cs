namespace Harness.Node.Etcd;

/// <summary>The two etcd disk histograms the etcd FAQ sets limits on, read from one /metrics scrape.</summary>
internal sealed record EtcdDiskMetrics(HistogramBuckets WalFsync, HistogramBuckets BackendCommit)
{
    public const string WalFsyncName = "etcd_disk_wal_fsync_duration_seconds";
    public const string BackendCommitName = "etcd_disk_backend_commit_duration_seconds";

    public static EtcdDiskMetrics Parse(string metricsText)
    {
        var samples = PrometheusText.Parse(metricsText);
        return new EtcdDiskMetrics(HistogramBuckets.From(samples, WalFsyncName), HistogramBuckets.From(samples, BackendCommitName));
    }

    public EtcdDiskMetrics Minus(EtcdDiskMetrics earlier) => new(WalFsync.Minus(earlier.WalFsync), BackendCommit.Minus(earlier.BackendCommit));

    public bool HasData => WalFsync.Buckets.Count > 0 || BackendCommit.Buckets.Count > 0;
}
