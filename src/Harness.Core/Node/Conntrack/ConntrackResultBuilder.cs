using Harness.Results;
using Harness.Sampling;
using static Harness.Node.ScenarioResultFormat;

namespace Harness.Node.Conntrack;

/// <summary>Turns conntrack samples into a result: the count against max over time, the predicted curve, headroom and drops.</summary>
internal static class ConntrackResultBuilder
{
    public const string Kind = "conntrack";
    private const string Source = "Linux Documentation/networking/nf_conntrack-sysctl.rst (nf_conntrack_tcp_timeout_time_wait 120 s); steady-state entries ≈ new connections/s × that timeout";

    public static ScenarioResult Build(string name, ConntrackMeasurements m, DateTimeOffset startedAt, TimeSpan duration)
    {
        var samples = m.Samples;
        var first = samples.FirstOrDefault();
        var last = samples.LastOrDefault();
        var values = new Dictionary<string, double>();
        var counters = new Dictionary<string, long>();
        var thresholds = new List<ThresholdResult>();
        var notes = new List<string>();
        var tables = new List<ResultTable>();
        var series = new List<TimeSeries>
        {
            Series(samples, "nf_conntrack_count", "entries"),
            Series(samples, "nf_conntrack_max", "entries"),
            Series(samples, "time_wait", "sockets"),
        };

        var max = (long)(last?["nf_conntrack_max"] ?? 0);
        var window = samples.Where(s => s.T >= m.LoadStart && s.T <= m.LoadEnd + 1e-9).ToList();
        if (window.Count < 2)
        {
            window = samples.ToList();
        }

        // The baseline is the last reading taken before the load began.
        var baselineSample = samples.LastOrDefault(s => s.T <= m.LoadStart) ?? window.FirstOrDefault();
        if (baselineSample is not null && !window.Contains(baselineSample))
        {
            window.Insert(0, baselineSample);
        }

        var baseline = (long)(baselineSample?["nf_conntrack_count"] ?? 0);
        var windowSeconds = window.Count >= 2 ? window[^1].T - window[0].T : 0;
        var opensRate = windowSeconds > 0 ? ((window[^1]["tcp_opens"] ?? 0) - (window[0]["tcp_opens"] ?? 0)) / windowSeconds : 0;
        var rate = m.Churn?.NewConnectionsPerSecond ?? (opensRate > 0 ? Math.Max(opensRate, m.ExpectedNewConnectionsPerSecond ?? 0) : m.ExpectedNewConnectionsPerSecond ?? 0);
        var rateSource = m.Churn is not null ? "the churn load"
            : opensRate > 0 && opensRate >= (m.ExpectedNewConnectionsPerSecond ?? 0) ? "TCP opens on the node (/proc/net/snmp)"
            : m.ExpectedNewConnectionsPerSecond is not null ? "the target file (expected)" : "none observed";
        var growth = Slope(window, "nf_conntrack_count");

        var headroom = new ConntrackHeadroom
        {
            NewConnectionsPerSecond = rate,
            TimeWaitTimeoutSeconds = m.TimeWaitTimeoutSeconds,
            Max = max,
            Baseline = baseline,
        };
        if (m.Churn is not null || rate > 0)
        {
            series.Add(new TimeSeries
            {
                Name = "predicted_nf_conntrack_count",
                Unit = "entries",
                Points = window.Select(s => new SeriesPoint(s.T, headroom.PredictedCountAt(s.T - m.LoadStart))).ToList(),
            });
        }

        values["new_connections_per_second"] = rate;
        values["tcp_opens_per_second"] = opensRate;
        values["observed_growth_entries_per_second"] = growth;
        values["predicted_growth_entries_per_second"] = rate;
        values["nf_conntrack_max"] = max;
        values["tcp_timeout_time_wait_s"] = m.TimeWaitTimeoutSeconds;
        values["steady_state_entries"] = headroom.SteadyStateEntries;
        values["max_sustainable_new_connections_per_second"] = headroom.MaxSustainableNewConnectionsPerSecond;
        values["recommended_nf_conntrack_max"] = headroom.RecommendedMax;
        values["peak_nf_conntrack_count"] = samples.Count == 0 ? 0 : samples.Max(s => s["nf_conntrack_count"] ?? 0);
        if (headroom.SecondsToFull is { } full)
        {
            values["seconds_to_full_table"] = full;
        }

        if (rate > 0 && growth > 0)
        {
            values["growth_observed_vs_predicted_ratio"] = growth / rate;
        }

        var drops = Delta(first, last, "conntrack_drop");
        var insertFailed = Delta(first, last, "conntrack_insert_failed");
        var earlyDrop = Delta(first, last, "conntrack_early_drop");
        counters["conntrack_drop"] = drops;
        counters["conntrack_insert_failed"] = insertFailed;
        counters["conntrack_early_drop"] = earlyDrop;
        if (m.Churn is { } churn)
        {
            counters["connections"] = churn.Attempted;
            counters["connections_ok"] = churn.Succeeded;
            counters["client_timeouts"] = churn.Timeouts;
            counters["connections_refused"] = churn.Refused;
            counters["connection_errors"] = churn.OtherErrors;
            thresholds.Add(new ThresholdResult { Expression = "client_timeouts == 0", Metric = "client_timeouts", Actual = churn.Timeouts, Passed = churn.Timeouts == 0 });
        }

        thresholds.Add(new ThresholdResult
        {
            Expression = "conntrack_drop == 0",
            Metric = "conntrack_drop",
            Actual = drops,
            Unit = "packets",
            Passed = drops == 0,
            Message = drops == 0 ? null : "nf_conntrack: table full, dropping packet — new connections were refused by the kernel",
        });
        if (rate > 0)
        {
            thresholds.Add(new ThresholdResult
            {
                Expression = "steady_state_entries < nf_conntrack_max",
                Metric = "steady_state_entries",
                Actual = headroom.Baseline + headroom.SteadyStateEntries,
                Unit = "entries",
                Passed = headroom.FitsInTable,
                Message = headroom.FitsInTable ? null : $"at {rate:0} new connections/s the table fills in {headroom.SecondsToFull:0.#} s",
            });
        }

        tables.Add(new ResultTable
        {
            Title = "conntrack headroom",
            Columns = ["figure", "value", "how"],
            Rows =
            [
                ["new connections/s", Number(rate, "0.0"), rateSource],
                ["nf_conntrack_tcp_timeout_time_wait", Number(m.TimeWaitTimeoutSeconds) + " s", "read from the node"],
                ["nf_conntrack_max", Int(max), m.TemporaryMax is { } t ? $"lowered for this run (was {m.OriginalMax})" : "read from the node"],
                ["entries before the load", Int(baseline), "nf_conntrack_count"],
                ["predicted steady-state entries", Number(headroom.SteadyStateEntries), "rate × (TIME_WAIT timeout + lifetime)"],
                ["time to a full table", headroom.SecondsToFull is { } s ? Number(s, "0.0") + " s" : "never (fits)", "(max − before) ÷ rate"],
                ["highest sustainable new connections/s", Number(headroom.MaxSustainableNewConnectionsPerSecond), "(max − before) ÷ TIME_WAIT timeout"],
                ["observed growth, entries/s", Number(growth, "0.0"), "slope of nf_conntrack_count during the load"],
                ["observed ÷ predicted growth", rate > 0 && growth > 0 ? Number(growth / rate, "0.00") : "–", "1.00 = every new connection stays in the table"],
                ["recommended nf_conntrack_max", Int(headroom.RecommendedMax), "2 × steady state, power of two, at least 262144"],
                ["drops / insert_failed / early_drop", $"{drops} / {insertFailed} / {earlyDrop}", "/proc/net/stat/nf_conntrack, summed over CPUs"],
            ],
            Source = Source,
        });

        if (m.Mode == "lab")
        {
            notes.Add("Lab mode: two network namespaces joined by a veth pair, an nftables ct state rule on the server side; the counts are the lab's alone (nf_conntrack_count is per namespace, nf_conntrack_max is global).");
        }

        if (m.Churn is not null && rate > 0 && growth > 0 && growth / rate < 0.9 && drops == 0)
        {
            notes.Add($"The table grew slower than one entry per connection ({growth / rate:0.00}×): the client namespace reuses source ports while the server side still holds their entry in TIME_WAIT, and conntrack recycles such an entry on the new SYN. Many distinct clients (the real case behind NAT) reuse far less, so the prediction is the safe side.");
        }

        if (m.TemporaryMax is { } lowered)
        {
            notes.Add($"Reproduce mode: the global nf_conntrack_max was {m.OriginalMax}, set to {lowered} for this run and restored afterwards.");
        }

        if (m.Churn is { } c && c.Timeouts > 0)
        {
            notes.Add($"{c.Timeouts} of {c.Attempted} client connections timed out ({c.Timeouts * 100.0 / Math.Max(1, c.Attempted):0.#}%).");
        }

        if (m.Churn is not null && m.LoadEnd - m.LoadStart < m.TimeWaitTimeoutSeconds)
        {
            notes.Add($"The load ran {m.LoadEnd - m.LoadStart:0.#} s, shorter than the {m.TimeWaitTimeoutSeconds:0} s TIME_WAIT timeout: no entry expired yet, so the table was still growing linearly toward the steady state.");
        }

        return new ScenarioResult
        {
            Name = name,
            Kind = Kind,
            Status = thresholds.TrueForAll(t => t.Passed) ? ScenarioStatus.Passed : ScenarioStatus.Failed,
            Description = "Connection churn against the conntrack table: entries held for the TIME_WAIT timeout, predicted and observed.",
            StartedAt = startedAt,
            Duration = duration,
            LoadModel = m.Churn is null ? $"observe {m.Where} for {m.LoadEnd - m.LoadStart:0.#} s" : $"connection churn (Connection: close) in {m.Where}",
            Counters = counters,
            Values = values,
            Series = series,
            Tables = tables,
            Thresholds = thresholds,
            Notes = notes,
            Metrics = m.Churn is { LatenciesMs.Count: > 0 } ch
                ? new Dictionary<string, MetricSummary> { ["connection_duration"] = LatencySummary.FromMilliseconds(ch.LatenciesMs.ToList()) }
                : new Dictionary<string, MetricSummary>(),
        };
    }

    /// <summary>Least-squares slope of a series over time.</summary>
    internal static double Slope(IReadOnlyList<SamplerSnapshot> samples, string seriesName)
    {
        var points = samples.Where(s => s[seriesName] is not null).Select(s => (X: s.T, Y: s[seriesName]!.Value)).ToList();
        if (points.Count < 2)
        {
            return 0;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return sxx <= 0 ? 0 : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
    }

    private static long Delta(SamplerSnapshot? first, SamplerSnapshot? last, string series)
        => (long)Math.Max(0, (last?[series] ?? 0) - (first?[series] ?? 0));

    private static TimeSeries Series(IReadOnlyList<SamplerSnapshot> samples, string name, string unit) => new()
    {
        Name = name,
        Unit = unit,
        Points = samples.Where(s => s[name] is not null).Select(s => new SeriesPoint(s.T, s[name]!.Value)).ToList(),
    };
}
