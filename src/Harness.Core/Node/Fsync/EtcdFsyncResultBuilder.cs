using Harness.Node.Etcd;
using Harness.Results;
using static Harness.Node.ScenarioResultFormat;

namespace Harness.Node.Fsync;

/// <summary>Turns etcd-fsync measurements into a <see cref="ScenarioResult"/>: verdicts against the etcd FAQ's limits, tables and notes.</summary>
internal static class EtcdFsyncResultBuilder
{
    public const string Kind = "etcd-fsync";
    private const string FaqSource = "etcd v3.5 FAQ/hardware; fio method: IBM Cloud blog (Olivi & Spreitzer, 2019-04-18)";

    public static ScenarioResult Build(string name, EtcdFsyncMeasurements m, EtcdFsyncOptions options, DateTimeOffset startedAt, TimeSpan duration)
    {
        var metrics = new Dictionary<string, MetricSummary>();
        var values = new Dictionary<string, double>();
        var counters = new Dictionary<string, long>();
        var thresholds = new List<ThresholdResult>();
        var notes = new List<string>();
        var series = new List<TimeSeries>();
        var samples = new List<SampleSet>();
        var tables = new List<ResultTable>();

        var probe = m.Probe;
        double? p50 = probe.P50Ms, p90 = probe.P90Ms, p99 = probe.P99Ms, max = probe.MaxMs, mean = probe.MeanMs;
        if (probe.LatenciesMs.Count > 0)
        {
            var summary = LatencySummary.FromMilliseconds(probe.LatenciesMs.ToList());
            metrics["fdatasync_duration"] = summary;
            (p50, p90, p99, max, mean) = (summary.P50, summary.P90, summary.P99, summary.Max, summary.Mean);
            series.Add(WindowMax(probe));
            samples.Add(new SampleSet { Name = "fdatasync", Unit = "ms", Values = Thin(probe.LatenciesMs, 2000) });
        }

        Put(values, "fdatasync_p50_ms", p50);
        Put(values, "fdatasync_p90_ms", p90);
        Put(values, "fdatasync_p99_ms", p99);
        Put(values, "fdatasync_max_ms", max);
        Put(values, "fdatasync_mean_ms", mean);
        values["fdatasync_iops"] = probe.Iops;
        values["fdatasync_limit_ms"] = options.P99LimitMs;
        counters["fdatasync_writes"] = probe.Writes;
        if (p99 is not null)
        {
            thresholds.Add(new ThresholdResult
            {
                Expression = $"fdatasync p99 < {options.P99LimitMs:0.##}ms",
                Metric = "fdatasync_duration",
                Actual = p99,
                Unit = "ms",
                Passed = p99 < options.P99LimitMs,
                Message = p99 < options.P99LimitMs ? "the disk is fast enough for etcd" : "etcd on this disk will miss heartbeats under load: leader elections, request timeouts",
            });
        }
        else
        {
            // dd gives only a mean; a mean above the limit already fails, below it proves nothing about p99.
            var passed = mean < options.P99LimitMs;
            thresholds.Add(new ThresholdResult
            {
                Expression = $"fdatasync mean < {options.P99LimitMs:0.##}ms (p99 unavailable)",
                Metric = "fdatasync_mean",
                Actual = mean,
                Unit = "ms",
                Passed = passed,
                Message = "only the mean is known (dd); install fio on the node for percentiles",
            });
            notes.Add($"{m.NodeDescription} has no fio, so `dd oflag=dsync` ran with the same block size and count: it gives the mean write+sync time and IOPS, not percentiles.");
        }

        var rows = new List<IReadOnlyList<string>> { Row(probe, p50, p90, p99, max) };
        if (m.Fio is { } fio)
        {
            rows.Add(Row(fio, fio.P50Ms, fio.P90Ms, fio.P99Ms, fio.MaxMs));
            Put(values, "fio_fdatasync_p50_ms", fio.P50Ms);
            Put(values, "fio_fdatasync_p99_ms", fio.P99Ms);
            values["fio_iops"] = fio.Iops;
            if (p50 > 0 && fio.P50Ms > 0)
            {
                values["probe_vs_fio_p50_ratio"] = p50.Value / fio.P50Ms.Value;
            }
        }
        else if (m.FioSkippedReason is not null)
        {
            notes.Add($"fio cross-check skipped: {m.FioSkippedReason}.");
        }

        tables.Add(new ResultTable
        {
            Title = $"fdatasync after each {probe.BlockSize}-byte write in {m.Directory}",
            Columns = ["method", "writes", "p50 ms", "p90 ms", "p99 ms", "max ms", "IOPS", $"p99 < {options.P99LimitMs:0.##} ms"],
            Rows = rows,
            Source = FaqSource,
        });

        tables.Add(Fitness(m));
        AddEtcd(m, options, values, metrics, counters, thresholds, notes, tables);
        AddDatastoreNotes(m, notes);
        if (m.FileSystem is "tmpfs" or "ramfs" or "overlay")
        {
            notes.Add($"{m.Directory} is on {m.FileSystem}: these figures say little about the disk; point the target's node.datastore_dir at the real datastore disk.");
        }

        if (probe.StoppedEarly)
        {
            notes.Add($"The probe stopped after {probe.Writes} writes at its time limit ({options.Probe.MaxDuration.TotalSeconds:0} s): the disk is very slow.");
        }

        return new ScenarioResult
        {
            Name = name,
            Kind = Kind,
            Status = thresholds.TrueForAll(t => t.Passed) ? ScenarioStatus.Passed : ScenarioStatus.Failed,
            Description = "Can this disk carry etcd? fdatasync latency of etcd-sized writes, per the etcd documentation's fio method.",
            StartedAt = startedAt,
            Duration = duration,
            LoadModel = $"{probe.Writes} sequential {probe.BlockSize}-byte writes, fdatasync after each" + (m.Puts is { } puts ? $"; {puts.LatenciesMs.Count + puts.Errors} etcd puts, concurrency {options.PutConcurrency}" : ""),
            Metrics = metrics,
            Counters = counters,
            Values = values,
            Series = series,
            Samples = samples,
            Tables = tables,
            Thresholds = thresholds,
            Notes = notes,
        };
    }

    private static void AddEtcd(EtcdFsyncMeasurements m, EtcdFsyncOptions options, Dictionary<string, double> values, Dictionary<string, MetricSummary> metrics,
        Dictionary<string, long> counters, List<ThresholdResult> thresholds, List<string> notes, List<ResultTable> tables)
    {
        if (m.Puts is { } puts)
        {
            metrics["etcd_put_duration"] = LatencySummary.FromMilliseconds(puts.LatenciesMs.ToList());
            counters["etcd_puts"] = puts.LatenciesMs.Count;
            counters["etcd_put_errors"] = puts.Errors;
            if (puts.Errors > 0)
            {
                notes.Add($"{puts.Errors} etcd puts failed; first error: {puts.FirstError}");
            }
        }

        if (m.EtcdSkippedReason is not null)
        {
            notes.Add($"Real-etcd mode skipped: {m.EtcdSkippedReason}.");
        }

        if (m.Etcd is not { } etcd)
        {
            return;
        }

        var wal = etcd.WalFsync.Quantile(0.99) * 1000;
        var commit = etcd.BackendCommit.Quantile(0.99) * 1000;
        Put(values, "etcd_wal_fsync_p99_ms", wal);
        Put(values, "etcd_backend_commit_p99_ms", commit);
        counters["etcd_wal_fsyncs"] = (long)etcd.WalFsync.Total;
        counters["etcd_backend_commits"] = (long)etcd.BackendCommit.Total;
        AddHistogramThreshold(thresholds, EtcdDiskMetrics.WalFsyncName, wal, options.WalFsyncLimitMs, etcd.WalFsync.Total);
        AddHistogramThreshold(thresholds, EtcdDiskMetrics.BackendCommitName, commit, options.BackendCommitLimitMs, etcd.BackendCommit.Total);
        tables.Add(new ResultTable
        {
            Title = $"etcd disk histograms ({m.EtcdSource}{(m.EtcdCumulative ? ", cumulative since etcd started" : ", during the put load")})",
            Columns = ["histogram", "observations", "p50 ms", "p99 ms", "limit p99 ms", "verdict"],
            Rows =
            [
                ["WAL fsync (etcd_disk_wal_fsync_duration_seconds)", Number(etcd.WalFsync.Total), Ms(etcd.WalFsync.Quantile(0.5) * 1000), Ms(wal), Number(options.WalFsyncLimitMs), Verdict(wal, options.WalFsyncLimitMs)],
                ["backend commit (etcd_disk_backend_commit_duration_seconds)", Number(etcd.BackendCommit.Total), Ms(etcd.BackendCommit.Quantile(0.5) * 1000), Ms(commit), Number(options.BackendCommitLimitMs), Verdict(commit, options.BackendCommitLimitMs)],
            ],
            Source = "etcd v3.5 FAQ: WAL fsync p99 < 10 ms, backend commit p99 < 25 ms; quantiles computed from the buckets as histogram_quantile does",
        });
        notes.Add("etcd histogram quantiles are interpolated inside buckets that double in width (1 ms, 2 ms, 4 ms…), so they are coarse: a p99 of 1.98 ms means 'in the 1–2 ms bucket'.");
    }

    private static void AddHistogramThreshold(List<ThresholdResult> thresholds, string metric, double actualMs, double limitMs, double observations)
    {
        if (observations <= 0 || double.IsNaN(actualMs))
        {
            return;
        }

        thresholds.Add(new ThresholdResult
        {
            Expression = $"p99 < {limitMs:0.##}ms",
            Metric = metric,
            Actual = actualMs,
            Unit = "ms",
            Passed = actualMs < limitMs,
        });
    }

    private static void AddDatastoreNotes(EtcdFsyncMeasurements m, List<string> notes)
    {
        switch (m.Datastore)
        {
            case DatastoreKind.K3sSqliteKine:
                notes.Add("k3s on this node uses SQLite through kine (state.db, no etcd/ directory): the etcd_disk_* metrics do not exist there. The fsync figures still say whether this disk could carry etcd (embedded etcd with --cluster-init, or HA).");
                break;
            case DatastoreKind.K3sEmbeddedEtcd:
                notes.Add("k3s on this node runs embedded etcd: its metrics are on http://127.0.0.1:2381/metrics (set node.etcd.metrics_url to read them).");
                break;
        }
    }

    private static ResultTable Fitness(EtcdFsyncMeasurements m) => new()
    {
        Title = "Node fitness: datastore disk",
        Columns = ["fact", "value"],
        Rows =
        [
            ["node", m.NodeDescription],
            ["measured directory", m.Directory],
            ["filesystem", m.FileSystem ?? "unknown"],
            ["device", m.Device ?? "unknown"],
            ["k3s datastore", m.Datastore switch { DatastoreKind.K3sSqliteKine => "SQLite via kine", DatastoreKind.K3sEmbeddedEtcd => "embedded etcd", _ => "no k3s datastore found" }],
            ["probe", m.Probe.Method],
        ],
    };

    private static IReadOnlyList<string> Row(FsyncProbeResult r, double? p50, double? p90, double? p99, double? max)
        => [r.Method, Int(r.Writes), Ms(p50), Ms(p90), Ms(p99), Ms(max), Number(r.Iops), p99 is null ? "–" : Verdict(p99.Value, 10)];

    private static string Verdict(double actual, double limit) => double.IsNaN(actual) ? "no data" : actual < limit ? "pass" : "FAIL";

    private static void Put(Dictionary<string, double> values, string key, double? value)
    {
        if (value is { } v && !double.IsNaN(v))
        {
            values[key] = v;
        }
    }

    /// <summary>The slowest fdatasync per quarter second: the shape over time without 10,000 points.</summary>
    private static TimeSeries WindowMax(FsyncProbeResult probe)
    {
        var points = new List<SeriesPoint>();
        const double window = 0.25;
        var windowEnd = window;
        var worst = 0.0;
        for (var i = 0; i < probe.LatenciesMs.Count; i++)
        {
            var t = i < probe.OffsetsSeconds.Count ? probe.OffsetsSeconds[i] : 0;
            while (t > windowEnd)
            {
                if (worst > 0)
                {
                    points.Add(new SeriesPoint(Math.Round(windowEnd, 3), worst));
                }

                worst = 0;
                windowEnd += window;
            }

            worst = Math.Max(worst, probe.LatenciesMs[i]);
        }

        if (worst > 0)
        {
            points.Add(new SeriesPoint(Math.Round(windowEnd, 3), worst));
        }

        return new TimeSeries { Name = "fdatasync_max_ms", Unit = "ms", Points = points };
    }

    private static double[] Thin(IReadOnlyList<double> values, int limit)
    {
        if (values.Count <= limit)
        {
            return values.ToArray();
        }

        var step = (double)values.Count / limit;
        return Enumerable.Range(0, limit).Select(i => values[(int)(i * step)]).ToArray();
    }
}
