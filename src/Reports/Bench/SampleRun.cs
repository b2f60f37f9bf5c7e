using Harness.Results;
using HdrHistogram;

namespace Harness.Reports.Bench;

/// <summary>Deterministic, rich run summaries with every kind of data a report draws (and a failed scenario): for tests and the report benchmark.</summary>
internal static class SampleRun
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    public static RunSummary Rich() => new()
    {
        RunId = "20261128-0100-a1b2",
        StartedAt = Start,
        FinishedAt = Start.AddMinutes(14).AddSeconds(32),
        Profile = "default",
        Target = new TargetInfo
        {
            Name = "oslo-vps",
            Kind = "remote",
            GatewayUrl = "http://127.0.0.1:8080",
            Provider = "local",
            Flavour = "harness",
            ReportedProvider = "harness-local",
            Orchestration = "process",
            ProviderVersion = "1.0.0",
            DeclaredLocation = "NO / Oslo",
            MonthlyPrice = new MoneyAmount(6.49, "EUR"),
        },
        Environment = new EnvironmentInfo
        {
            Hostname = "node-1",
            Kernel = "6.1.0-27-amd64",
            OperatingSystem = "Debian GNU/Linux 12 (bookworm)",
            Cpus = 2,
            CpuModel = "AMD EPYC 7B13",
            MemoryBytes = 24L << 30,
            Disk = "/dev/vda 40 GiB (virtio)",
            GitCommit = "3e4ad32c0ffee1234567890abcdef12345678901",
            HarnessVersion = "0.1.0",
            DotnetVersion = "10.0.1",
            Versions = new Dictionary<string, string> { ["etcd"] = "3.4.23", ["fio"] = "3.33", ["python3"] = "3.11.2" },
        },
        Scenarios = [Throughput(), ColdStart(), ConnectionChurn(), DeploymentChurn(), EtcdFsync(), NodeAudit(), Failed()],
    };

    public static ScenarioResult Throughput()
    {
        var rng = new Random(1);
        var h = new LongHistogram(1, 60_000_000, 3);
        for (var i = 0; i < 12_000; i++)
        {
            h.RecordValue((long)(1000 * LogNormal(rng, Math.Log(2.4), 0.45)));
        }

        for (var i = 0; i < 40; i++)
        {
            h.RecordValue(rng.Next(40_000, 180_000));
        }

        return new ScenarioResult
        {
            Name = "hello-throughput",
            Kind = "throughput",
            Status = ScenarioStatus.Passed,
            Description = "Constant arrival rate against the python3-http hello function through the gateway.",
            StartedAt = Start.AddSeconds(10),
            Duration = TimeSpan.FromSeconds(60),
            LoadModel = "constant-arrival-rate 200/s for 60s (preAllocatedVUs 20, maxVUs 100), 10s warm-up",
            Metrics = new Dictionary<string, MetricSummary>
            {
                ["http_req_duration"] = MetricHistogram.Summarize(h),
                ["http_req_service_time"] = new() { Count = 12_040, Mean = 1.9, P50 = 1.7, P90 = 2.6, P99 = 5.1, P999 = 31.5, Max = 120.4, Min = 0.8 },
            },
            Counters = new Dictionary<string, long> { ["requests"] = 12_040, ["errors"] = 12, ["status_200"] = 12_028, ["status_502"] = 12, ["dropped_iterations"] = 0 },
            Values = new Dictionary<string, double> { ["rps"] = 200.6, ["planned_rps"] = 200.0, ["error_rate"] = 12 / 12_040.0, ["duration_s"] = 60 },
            Series =
            [
                Series("rps", "req/s", 60, t => 200 + 3 * Math.Sin(t / 3.0)),
                Series("errors", "errors/s", 60, t => t is > 30 and < 34 ? 3 : 0),
                Series("p50", "ms", 60, t => 2.4 + 0.2 * Math.Sin(t / 5.0)),
                Series("p99", "ms", 60, t => 7 + (t is > 30 and < 34 ? 60 : 2 * Math.Cos(t / 4.0))),
            ],
            Thresholds =
            [
                new ThresholdResult { Expression = "p(99) < 250ms", Metric = "http_req_duration", Actual = 9.8, Unit = "ms", Passed = true },
                new ThresholdResult { Expression = "rate < 0.01", Metric = "error_rate", Actual = 0.001, Passed = true },
            ],
            Notes = ["12 requests failed with 502 while the function's replica was restarted at t≈31 s."],
        };
    }

    public static ScenarioResult ColdStart()
    {
        var rng = new Random(2);
        double[] Values(int n, double median, double sigma) => Enumerable.Range(0, n).Select(_ => Math.Round(LogNormal(rng, Math.Log(median), sigma), 2)).ToArray();
        var fork = Values(25, 185, 0.18);
        var http = Values(25, 520, 0.22);
        var warm = Values(25, 2.8, 0.25);
        return new ScenarioResult
        {
            Name = "cold-start",
            Kind = "cold-start",
            Status = ScenarioStatus.Failed,
            Description = "Scale-from-zero: each request finds no ready replica; measured by the client until the first byte.",
            StartedAt = Start.AddSeconds(90),
            Duration = TimeSpan.FromSeconds(140),
            LoadModel = "25 iterations per mode, one at a time, replica deleted between iterations",
            Samples =
            [
                new SampleSet { Name = "fork cold", Values = fork },
                new SampleSet { Name = "http cold", Values = http },
                new SampleSet { Name = "warm", Values = warm },
            ],
            Metrics = new Dictionary<string, MetricSummary>
            {
                ["cold_start_fork"] = FromValues(fork),
                ["cold_start_http"] = FromValues(http),
            },
            Thresholds =
            [
                new ThresholdResult { Expression = "p(99) < 1000ms", Metric = "cold_start_fork", Actual = fork.Max(), Unit = "ms", Passed = true },
                new ThresholdResult { Expression = "p(50) < 400ms", Metric = "cold_start_http", Actual = FromValues(http).P50, Unit = "ms", Passed = false, Message = "http mode starts the upstream process first" },
            ],
        };
    }

    public static ScenarioResult ConnectionChurn() => new()
    {
        Name = "connection-churn",
        Kind = "connection-churn",
        Status = ScenarioStatus.Passed,
        Description = "New TCP connection per request (Connection: close) at a rising rate.",
        StartedAt = Start.AddSeconds(240),
        Duration = TimeSpan.FromSeconds(90),
        LoadModel = "ramping-arrival-rate 50→600/s over 90s, Connection: close",
        Counters = new Dictionary<string, long> { ["requests"] = 29_800, ["errors"] = 0 },
        Values = new Dictionary<string, double> { ["rps"] = 331.1, ["time_wait_peak"] = 27_950, ["ephemeral_ports"] = 28_232, ["predicted_port_ceiling_per_s"] = 470.5 },
        Series =
        [
            Series("time_wait", "sockets", 90, t => Math.Min(28_000, 50 * t * t / 9)),
            Series("ports_in_use", "sockets", 90, t => Math.Min(28_232, 52 * t * t / 9)),
            Series("conntrack_count", "entries", 90, t => Math.Min(60_000, 110 * t * t / 9)),
        ],
        Notes = ["TIME_WAIT approached the ephemeral port range at about 470 new connections/s, as the kernel defaults predict."],
    };

    public static ScenarioResult DeploymentChurn() => new()
    {
        Name = "deployment-churn",
        Kind = "deployment-churn",
        Status = ScenarioStatus.Passed,
        Description = "Deploy, wait until ready, delete: 30 cycles of 5 functions.",
        StartedAt = Start.AddSeconds(340),
        Duration = TimeSpan.FromSeconds(200),
        LoadModel = "30 cycles × 5 functions, 20% churned per cycle",
        Metrics = new Dictionary<string, MetricSummary>
        {
            ["deploy_ready"] = new() { Count = 150, Mean = 410, P50 = 380, P90 = 520, P99 = 790, P999 = 810, Max = 812, Min = 300 },
            ["scale_ready"] = new() { Count = 150, Mean = 220, P50 = 205, P90 = 290, P99 = 400, P999 = 420, Max = 421, Min = 150 },
            ["delete_gone"] = new() { Count = 150, Mean = 90, P50 = 80, P90 = 130, P99 = 210, P999 = 220, Max = 221, Min = 40 },
        },
        Series = [Series("functions_ready", "functions", 200, t => 5 - (int)(t / 7) % 2)],
    };

    public static ScenarioResult EtcdFsync() => new()
    {
        Name = "etcd-fsync",
        Kind = "etcd-fsync",
        Status = ScenarioStatus.Passed,
        Description = "fdatasync latency of the etcd data disk, as etcd's WAL sees it.",
        StartedAt = Start.AddSeconds(560),
        Duration = TimeSpan.FromSeconds(30),
        Metrics = new Dictionary<string, MetricSummary>
        {
            ["wal_fsync"] = new() { Count = 10_000, Mean = 0.25, P50 = 0.19, P90 = 0.31, P99 = 2.4, P999 = 6.1, Max = 9.8, Min = 0.11 },
        },
        Series = [Series("fsync_p99", "ms", 30, t => 2 + Math.Sin(t))],
        Tables =
        [
            new ResultTable
            {
                Title = "fsync: harness against fio",
                Columns = ["method", "p50 ms", "p99 ms", "verdict"],
                Rows = [["harness (C# write + fdatasync)", "0.190", "2.400", "PASS"], ["fio --fdatasync=1 --bs=2300", "0.170", "2.376", "PASS"]],
                Source = "etcd v3.5 FAQ: wal fsync p99 should be below 10 ms; IBM Cloud blog 2019-04-18 (fio recipe)",
            },
        ],
        Thresholds = [new ThresholdResult { Expression = "p(99) < 10ms", Metric = "wal_fsync", Actual = 2.4, Unit = "ms", Passed = true }],
    };

    public static ScenarioResult NodeAudit() => new()
    {
        Name = "node-audit",
        Kind = "node-audit",
        Status = ScenarioStatus.Passed,
        Description = "Kernel and runtime settings that matter for a FaaS node.",
        StartedAt = Start.AddSeconds(600),
        Duration = TimeSpan.FromSeconds(2),
        Tables =
        [
            new ResultTable
            {
                Title = "Tuning audit",
                Columns = ["setting", "value", "recommended", "result"],
                Rows =
                [
                    ["net.ipv4.ip_forward", "1", "1", "PASS"],
                    ["net.netfilter.nf_conntrack_max", "262144", "≥ 131072", "PASS"],
                    ["net.ipv4.ip_local_port_range", "32768 60999", "wider for churn", "WARN"],
                    ["net.ipv4.tcp_tw_reuse", "2", "1 for outgoing churn", "WARN"],
                    ["fs.inotify.max_user_watches", "8192", "524288", "FAIL"],
                    ["fs.inotify.max_user_instances", "128", "512", "FAIL"],
                    ["net.core.somaxconn", "4096", "≥ 4096", "PASS"],
                    ["vm.swappiness", "60", "swap off", "PASS"],
                ],
                Source = "kubernetes.io Container Runtimes; kind known issues; Linux ip-sysctl.rst",
            },
        ],
    };

    public static ScenarioResult Failed() => new()
    {
        Name = "conntrack-full",
        Kind = "conntrack",
        Status = ScenarioStatus.Error,
        Error = "needs root: nf_conntrack_max can only be lowered from the initial network namespace",
        StartedAt = Start.AddSeconds(610),
    };

    public static ComplianceResult Compliance() => new()
    {
        PolicyName = "eea-residency",
        PolicyHash = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0b",
        PolicyFile = "policies/eea.yml",
        FailAt = "high",
        Findings =
        [
            new Finding
            {
                RuleId = "RES-001", Title = "Node region is in the EEA", Severity = "high", Passed = true, Subject = "node-1",
                Evidence = [new Evidence("node label", "topology.kubernetes.io/region=no-osl", "kubectl get node node-1")],
                References = ["GDPR Art. 44"],
            },
            new Finding
            {
                RuleId = "REG-002", Title = "Images come from an EEA registry", Severity = "medium", Passed = false, Subject = "payment-processor",
                Evidence = [new Evidence("stack file", "image: ghcr.io/acme/payment:1.2", "stack.yml:12:12")],
                Remediation = "Mirror the image to a registry operated in the EEA.",
                References = ["CLOUD Act 18 U.S.C. § 2713"],
            },
        ],
    };

    /// <summary>A scenario whose one table has 200 rows, to check page breaks with repeated headers.</summary>
    public static ScenarioResult BigTable() => new()
    {
        Name = "big-table",
        Kind = "node-audit",
        Status = ScenarioStatus.Passed,
        Tables =
        [
            new ResultTable
            {
                Title = "Two hundred rows",
                Columns = ["row name", "value a", "value b"],
                Rows = Enumerable.Range(1, 200).Select(i => (IReadOnlyList<string>)[$"row-{i:000}", (i * 1.5).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), $"b{i}"]).ToList(),
            },
        ],
    };

    private static TimeSeries Series(string name, string unit, int seconds, Func<double, double> f)
        => new() { Name = name, Unit = unit, Points = Enumerable.Range(1, seconds).Select(t => new SeriesPoint(t, Math.Round(f(t), 3))).ToList() };

    private static double LogNormal(Random rng, double mu, double sigma)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(mu + sigma * z);
    }

    private static MetricSummary FromValues(double[] values)
    {
        var s = values.Order().ToArray();
        double Q(double q) => s[(int)Math.Min(s.Length - 1, Math.Ceiling(q * s.Length) - 1)];
        return new MetricSummary { Count = s.Length, Min = s[0], Max = s[^1], Mean = s.Average(), P50 = Q(0.5), P90 = Q(0.9), P99 = Q(0.99), P999 = Q(0.999) };
    }
}
