using System.Globalization;
using Harness.Load;
using Harness.Results;

namespace Harness.Scenarios;

/// <summary>Turns a capacity ramp's windows into one result: the highest rate that held, the latency-against-rate curve, the knee.</summary>
internal static class CapacityReport
{
    /// <param name="stopped">The window a stop cut short, if any: its requests count, its figures are not judged.</param>
    public static ScenarioResult Build(
        ScenarioDefinition scenario, CapacityOptions options, IReadOnlyList<CapacityWindow> run, bool interrupted, DateTimeOffset startedAt, TimeSpan elapsed, string path,
        CapacityWindow? stopped = null)
    {
        // By rate, not by the order they ran: the refinement's windows fall between the ramp's.
        var windows = run.OrderBy(w => w.Rate).ToList();
        var held = windows.Where(w => w.Held).ToList();
        var top = held.LastOrDefault();
        var broke = windows.FirstOrDefault(w => !w.Held);
        var refined = run.Count(w => w.Refined);
        var curve = windows.Select(w => (w.Rate, Latency: P99(w))).ToList();
        var knee = CapacityKnee.Find(curve);
        var notes = new List<string>();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["capacity_rps"] = top?.Rate ?? 0,
            ["capacity_achieved_rps"] = top?.Result.Values.GetValueOrDefault("rps") ?? 0,
            ["rps"] = top?.Result.Values.GetValueOrDefault("rps") ?? 0,
        };
        if (broke is not null)
        {
            values["broke_at_rps"] = broke.Rate;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"At {broke.Rate:0.##}/s the target broke: {string.Join("; ", broke.Broken)}.")
                + (top is null ? "" : string.Create(CultureInfo.InvariantCulture, $" The highest rate that held is {top.Rate:0.##}/s."))
                + (refined == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {refined} refinement window(s) narrowed the gap between them to {broke.Rate - (top?.Rate ?? 0):0.##}/s.")));
        }
        else if (!interrupted && top is not null)
        {
            missing["broke_at_rps"] = "no window broke";
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Nothing broke up to maxRate {options.MaxRate:0.##}/s: the capacity is at least that; raise maxRate to find it."));
        }

        if (knee is { } k)
        {
            values["knee_rps"] = windows[k].Rate;
            values["knee_p99_ms"] = curve[k].Latency;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Latency bent at about {windows[k].Rate:0.##}/s (p99 {curve[k].Latency:0.##} ms): beyond it p99 grows faster than the rate."));
        }
        else
        {
            missing["knee_rps"] = windows.Count < 3 ? "fewer than three windows: no curve to bend" : "p99 did not bend upwards over the windows run";
        }

        if (top is null && !interrupted)
        {
            notes.Add(windows.Count == 0 ? "No window ran." : "Not even the first window held: lower startRate.");
        }

        var status = interrupted ? ScenarioStatus.Interrupted : top is null ? ScenarioStatus.Failed : ScenarioStatus.Passed;
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["capacity_windows"] = windows.Count,
            ["capacity_windows_held"] = held.Count,
        };
        foreach (var name in new[] { "requests", "errors", "dropped_iterations" })
        {
            counters[name] = windows.Sum(w => w.Result.Counters.GetValueOrDefault(name)) + (stopped?.Result.Counters.GetValueOrDefault(name) ?? 0);
        }

        if (stopped is not null)
        {
            var p99 = P99(stopped);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"The window at {stopped.Rate:0.##}/s was stopped after {stopped.Result.Counters.GetValueOrDefault("requests")} request(s)")
                + (double.IsFinite(p99) ? string.Create(CultureInfo.InvariantCulture, $" (p99 {p99:0.##} ms so far)") : "")
                + ": they count in requests and errors, but a part of a window does not say whether its rate held, so it is not on the curve.");
        }

        var metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        if (top is not null)
        {
            // The scenario's own latency is that of the highest rate that held, so thresholds judge the capacity level.
            foreach (var (name, m) in top.Result.Metrics)
            {
                metrics[name] = m;
            }

            values["error_rate"] = top.Result.Values.GetValueOrDefault("error_rate");
        }

        return new ScenarioResult
        {
            Name = scenario.Name,
            Kind = ScenarioKinds.Capacity,
            Status = status,
            Description = scenario.Description,
            ScenarioHash = scenario.Hash,
            StartedAt = startedAt,
            Duration = elapsed,
            LoadModel = string.Create(CultureInfo.InvariantCulture,
                $"capacity: open model {options.StartRate:0.##}/s {options.Growth()} every {Durations.Format(options.StepDuration)} up to {options.MaxRate:0.##}/s ({(options.Continuous ? "continuous ramp" : "steps")}){(options.Refine > 0 ? $", then up to {options.Refine} window(s) bisecting between the last rate that held and the first that broke" : "")}, breaks when not [{string.Join(", ", options.Breaks)}]; {scenario.Connections.Describe()}, {path}"),
            Metrics = metrics,
            Counters = counters,
            Values = values,
            Series = Series(windows),
            Tables = [Table(windows, knee)],
            Notes = notes,
            Missing = missing,
        };
    }

    private static double P99(CapacityWindow w) => w.Result.Metrics.TryGetValue("http_req_duration", out var m) ? m.P99 : double.NaN;

    /// <summary>The curve as series whose x is the planned rate (req/s), not time: <c>p50_vs_rate</c>, <c>p99_vs_rate</c>, <c>achieved_vs_rate</c>.</summary>
    private static List<TimeSeries> Series(IReadOnlyList<CapacityWindow> windows)
    {
        TimeSeries Of(string name, string unit, Func<CapacityWindow, double> value) =>
            new() { Name = name, Unit = unit, Points = windows.Select(w => new SeriesPoint(w.Rate, value(w))).ToList() };
        return
        [
            Of("p50_vs_rate", "ms", w => w.Result.Metrics.TryGetValue("http_req_duration", out var m) ? m.P50 : double.NaN),
            Of("p99_vs_rate", "ms", P99),
            Of("achieved_vs_rate", "req/s", w => w.Result.Values.GetValueOrDefault("rps")),
        ];
    }

    private static ResultTable Table(IReadOnlyList<CapacityWindow> windows, int? knee)
    {
        static string F(double v) => double.IsFinite(v) ? v.ToString("0.##", CultureInfo.InvariantCulture) : "–";
        return new ResultTable
        {
            Title = "Latency against arrival rate (one window per rate, same run)",
            Columns = ["planned req/s", "achieved req/s", "p50 ms", "p90 ms", "p99 ms", "error rate", "dropped", "verdict"],
            Rows = windows.Select((w, i) =>
            {
                var m = w.Result.Metrics.GetValueOrDefault("http_req_duration");
                var verdict = (w.Held ? "held" : "broke: " + string.Join("; ", w.Broken)) + (w.Refined ? " (refinement)" : "") + (i == knee ? " (knee)" : "");
                return (IReadOnlyList<string>)
                [
                    F(w.Rate), F(w.Result.Values.GetValueOrDefault("rps")), F(m?.P50 ?? double.NaN), F(m?.P90 ?? double.NaN), F(m?.P99 ?? double.NaN),
                    (w.Result.Values.GetValueOrDefault("error_rate") * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
                    w.Result.Counters.GetValueOrDefault("dropped_iterations").ToString(CultureInfo.InvariantCulture), verdict,
                ];
            }).ToList(),
        };
    }
}
