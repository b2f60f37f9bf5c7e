using Harness.Results;

namespace Harness.Load;

/// <summary>Maps a finished run (aggregator + executor) into the immutable <see cref="ScenarioResult"/> of src/Results.</summary>
internal static class LoadResultBuilder
{
    public static ScenarioResult Build(
        ScenarioProps scenario,
        LoadShape shape,
        LoadAggregator agg,
        ILoadExecution executor,
        TimeProvider time,
        DateTimeOffset startedAt,
        TimeSpan elapsed,
        string kind = "http")
        => Build(scenario, shape, agg, Totals(executor, time), startedAt, elapsed, kind);

    /// <summary>What the executor knows that the aggregator does not: the measured window, stop, overrun and concurrency.</summary>
    public static LoadTotals Totals(ILoadExecution executor, TimeProvider time)
        => new((executor.MainEnd - executor.MainStart) / (double)time.TimestampFrequency, executor.Interrupted, executor.AbandonedArrivals, executor.MaxInFlight, executor.LeftBehind);

    /// <summary>The result of an aggregator's samples (one process's, or several merged by <see cref="LoadMerge"/>).</summary>
    public static ScenarioResult Build(
        ScenarioProps scenario,
        LoadShape shape,
        LoadAggregator agg,
        LoadTotals executor,
        DateTimeOffset startedAt,
        TimeSpan elapsed,
        string kind = "http")
    {
        var window = Math.Max(executor.WindowSeconds, 1e-3);
        var requests = agg.Requests;
        var counters = new SortedDictionary<string, long>(agg.Counters, StringComparer.Ordinal)
        {
            ["requests"] = requests,
            ["errors"] = agg.Errors,
            ["dropped_iterations"] = agg.Dropped + executor.AbandonedArrivals,
            ["warmup_requests"] = agg.WarmUpRequests,
            ["vus_max"] = executor.MaxInFlight,
        };
        counters.TryAdd("interrupted_iterations", 0);
        counters["interrupted_iterations"] += executor.LeftBehind;
        foreach (var errorKind in Enum.GetValues<ErrorKind>().Where(k => k != ErrorKind.None))
        {
            // Zero counts are written too, so a threshold such as "error_eaddrnotavail == 0" always has a value to check.
            counters.TryAdd(ErrorClassifier.CounterName(errorKind), 0);
        }

        var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["rps"] = requests / window,
            ["error_rate"] = requests == 0 ? 0 : (double)agg.Errors / requests,
            ["duration_s"] = window,
        };
        var metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal)
        {
            ["http_req_duration"] = MetricHistogram.Summarize(agg.Duration),
            ["http_req_service_time"] = MetricHistogram.Summarize(agg.ServiceTime),
        };
        if (shape.Open)
        {
            var planned = requests + agg.Dropped + executor.AbandonedArrivals + counters["interrupted_iterations"];
            counters["planned_iterations"] = planned;
            values["planned_rps"] = planned / window;
            values["dropped_rate"] = planned == 0 ? 0 : (double)(agg.Dropped + executor.AbandonedArrivals) / planned;
            metrics["schedule_lag"] = MetricHistogram.Summarize(agg.ScheduleLag);
        }

        if (agg.WarmUpRequests > 0)
        {
            metrics["warmup_http_req_duration"] = MetricHistogram.Summarize(agg.WarmUpDuration, includeEncoding: false);
        }

        var notes = new List<string>();
        if (agg.Dropped > 0)
        {
            notes.Add($"{agg.Dropped} iterations were dropped: no free VU (maxVUs {shape.MaxVus}) when they were due. The target could not keep up, or maxVUs is too low.");
        }

        if (executor.Interrupted)
        {
            notes.Add("The run was stopped before its end; the figures cover what was measured until then.");
        }

        if (executor.LeftBehind > 0)
        {
            notes.Add($"{executor.LeftBehind} iterations were still running when the run closed (their step did not stop on cancellation); they are counted as interrupted.");
        }

        if (executor.AbandonedArrivals > 0)
        {
            notes.Add($"The harness could not keep the planned schedule: it stopped {Durations.Format(shape.Timeout + LoadExecutor.OverrunGrace)} after the planned end with {executor.AbandonedArrivals} arrivals never sent (counted as dropped). Lower the rate or spread the load over several harness processes.");
        }

        // A load test in which nothing succeeded measured nothing about the target but its failure, thresholds or not;
        // one that could not even send its plan did not run the test that was asked for.
        var succeeded = requests - agg.Errors;
        var status = executor.Interrupted ? ScenarioStatus.Interrupted
            : succeeded <= 0 || executor.AbandonedArrivals > 0 ? ScenarioStatus.Failed
            : ScenarioStatus.Passed;
        if (!executor.Interrupted && succeeded <= 0)
        {
            notes.Add(requests == 0
                ? "No iteration completed: the scenario measured nothing."
                : $"None of the {requests} requests succeeded: every one was an error.");
        }

        var result = new ScenarioResult
        {
            Name = scenario.Name,
            Kind = kind,
            Status = status,
            StartedAt = startedAt,
            Duration = elapsed,
            LoadModel = scenario.LoadDescription ?? Describe(shape),
            Metrics = metrics,
            Counters = counters,
            Values = values,
            Series = Series(agg),
            Notes = notes,
        };
        return ThresholdEvaluator.Apply(result, scenario.Thresholds);
    }

    private static List<TimeSeries> Series(LoadAggregator agg)
    {
        var rps = new List<SeriesPoint>();
        var errors = new List<SeriesPoint>();
        var dropped = new List<SeriesPoint>();
        var p50 = new List<SeriesPoint>();
        var p99 = new List<SeriesPoint>();
        for (var i = 0; i < agg.Seconds.Count; i++)
        {
            var b = agg.Seconds[i];
            double t = i + 1;
            rps.Add(new(t, b.Requests));
            errors.Add(new(t, b.Errors));
            dropped.Add(new(t, b.Dropped));
            if (b.Latency is { TotalCount: > 0 } h)
            {
                p50.Add(new(t, h.GetValueAtPercentile(50) / 1000.0));
                p99.Add(new(t, h.GetValueAtPercentile(99) / 1000.0));
            }
        }

        return
        [
            new TimeSeries { Name = "rps", Unit = "req/s", Points = rps },
            new TimeSeries { Name = "errors", Unit = "errors/s", Points = errors },
            new TimeSeries { Name = "dropped", Unit = "iterations/s", Points = dropped },
            new TimeSeries { Name = "p50", Unit = "ms", Points = p50 },
            new TimeSeries { Name = "p99", Unit = "ms", Points = p99 },
        ];
    }

    private static string Describe(LoadShape shape)
    {
        var unit = shape.Open ? "/s" : " VUs";
        var levels = string.Join("->", shape.Segments.Select(s => s.Start == s.End ? $"{s.Start:0.##}" : $"{s.Start:0.##}->{s.End:0.##}"));
        var bound = double.IsPositiveInfinity(shape.Seconds) ? $"{shape.MaxIterations} iterations" : Durations.Format(TimeSpan.FromSeconds(shape.Seconds));
        return $"{(shape.Open ? "open" : "closed")} {levels}{unit} for {bound}";
    }
}
