using Harness.Reports.Charts;
using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>One section per scenario: verdict, key figures, thresholds, the charts its data allows, and its tables.</summary>
internal static class ScenarioSection
{
    private const float ChartHeight = 205;

    public static Section Build(ReportContext ctx, ScenarioResult s)
    {
        var blocks = new List<Block>();
        var what = string.Join(" ", new[]
        {
            Sentence(s.Description),
            $"Kind **{s.Kind}**.",
            s.LoadModel is null ? null : Sentence($"Load model: {s.LoadModel}"),
            s.Duration > TimeSpan.Zero ? $"Ran for {Fmt.Duration(s.Duration)} from {Fmt.Date(s.StartedAt)}." : null,
        }.Where(x => !string.IsNullOrWhiteSpace(x)));
        blocks.Add(new VerdictBanner(Fmt.Verdict(s), Fmt.Badge(s).Badge ?? Fmt.Tone(s.Status), what));

        var hasData = s.Metrics.Count > 0 || s.Series.Count > 0 || s.Samples.Count > 0 || s.Tables.Count > 0 || s.Counters.Count > 0 || s.Values.Count > 0;
        if (s.Status == ScenarioStatus.CouldNotRun)
        {
            blocks.Add(new Paragraph($"**This scenario could not run on this target.** {Fmt.Or(s.Error, "No reason was recorded")}. Its preflight stopped it before any load was sent.")
            { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
        }
        else if (s.Status == ScenarioStatus.Error)
        {
            blocks.Add(new Paragraph($"**This scenario could not run.** Reason: {Fmt.Or(s.Error, "none was recorded")}. "
                + (hasData ? "What it measured before failing is shown below and is incomplete." : "No measurements were recorded, so there are no figures or charts for it."))
            { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
        }
        else if (s.Status == ScenarioStatus.Skipped)
        {
            blocks.Add(new Paragraph($"**This scenario was skipped.** {Fmt.Or(s.Error, "No reason was recorded.")}") { Style = ParagraphStyle.Callout, Tone = Tone.Neutral });
        }
        else if (!hasData)
        {
            blocks.Add(new Paragraph("The scenario reported no measurements.") { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
        }

        if (s.Missing.Count > 0)
        {
            blocks.Add(new Paragraph("**Passed without a main figure.** " + string.Join(" ", s.Missing.Select(m => $"{m.Key} was not measured: {m.Value}.")))
            { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
        }

        if (s.Properties.Count > 0)
        {
            blocks.Add(new Table([new TableColumn("How it measured", 1.6f), new TableColumn("", 3.4f)],
                s.Properties.Select(p => (IReadOnlyList<TableCell>)[new TableCell(p.Key, Bold: true), p.Value]).ToList()));
        }

        if (s.Notes.Count > 0)
        {
            blocks.Add(new BulletList(s.Notes));
        }

        var tiles = Tiles(s);
        if (tiles.Count > 0)
        {
            blocks.Add(new KeyFigures(tiles));
        }

        if (s.Thresholds.Count > 0)
        {
            blocks.Add(new Table(
                [new TableColumn("Metric", 2.2f), new TableColumn("Threshold", 2.2f), new TableColumn("Actual", 1.3f, true), new TableColumn("Verdict", 1)],
                s.Thresholds.Select(t => (IReadOnlyList<TableCell>)[t.Metric, t.Expression, t.Actual is { } a ? Fmt.Value(a, t.Unit) : "–", Fmt.Badge(t.Passed)]).ToList())
            { Title = "Thresholds" });
        }

        blocks.AddRange(Charts(s));

        if (s.Metrics.Count > 0)
        {
            blocks.Add(PercentileTable(s, "Distributions"));
        }

        var scalars = s.Counters.Select(kv => (kv.Key, Fmt.Int(kv.Value)))
            .Concat(s.Values.Select(kv => (kv.Key, Fmt.Value(kv.Value))))
            .OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
        if (scalars.Count > 0)
        {
            // Two name/value pairs per row keeps long counter lists to half the height.
            var rows = new List<IReadOnlyList<TableCell>>();
            for (var i = 0; i < scalars.Count; i += 2)
            {
                var right = i + 1 < scalars.Count ? scalars[i + 1] : ("", "");
                rows.Add([scalars[i].Key, scalars[i].Item2, right.Item1, right.Item2]);
            }

            blocks.Add(new Table([new TableColumn("Counter / value", 2.2f), new TableColumn("", 1.2f, true), new TableColumn("Counter / value", 2.2f), new TableColumn("", 1.2f, true)], rows)
            { Title = "Counters and values" });
        }

        foreach (var table in s.Tables)
        {
            blocks.Add(new Table(
                table.Columns.Select((c, i) => new TableColumn(c, ColumnWeight(table, i))).ToList(),
                table.Rows.Select(r => (IReadOnlyList<TableCell>)r.Select(c => new TableCell(c, VerdictTone(c))).ToList()).ToList())
            {
                Title = table.Title,
                Note = table.Source is null ? null : "Source: " + table.Source,
            });
        }

        return new Section($"Scenario: {s.Name}", blocks) { Anchor = ctx.Anchors.For("scenario-" + s.Name) };
    }

    public static Table PercentileTable(ScenarioResult s, string? title)
        => new(
            [new TableColumn("Metric", 2.6f), new TableColumn("n", 1, true), new TableColumn("mean", 1, true), new TableColumn("p50", 1, true),
             new TableColumn("p90", 1, true), new TableColumn("p99", 1, true), new TableColumn("p99.9", 1, true), new TableColumn("max", 1, true)],
            s.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (IReadOnlyList<TableCell>)
            [
                kv.Value.Unit == "ms" ? kv.Key : $"{kv.Key} ({kv.Value.Unit})", Fmt.Int(kv.Value.Count),
                V(kv.Value, kv.Value.Mean), V(kv.Value, kv.Value.P50), V(kv.Value, kv.Value.P90), V(kv.Value, kv.Value.P99), V(kv.Value, kv.Value.P999), V(kv.Value, kv.Value.Max),
            ]).ToList())
        { Title = title };

    /// <summary>Wider columns for longer text (a "why" column next to short values), within limits so none collapses.</summary>
    private static float ColumnWeight(ResultTable table, int column)
    {
        var lengths = table.Rows.Select(r => column < r.Count ? r[column].Length : 0).Append(table.Columns[column].Length).ToList();
        var typical = Math.Max(lengths.Average() * 0.6 + lengths.Max() * 0.4, table.Columns[column].Length * 2.2);
        return (float)Math.Pow(Math.Clamp(typical, 12, 80), 0.6);
    }

    /// <summary>Text that ends as a sentence, so the next one does not run into it ("…disk histograms Kind etcd-fsync").</summary>
    internal static string? Sentence(string? text)
    {
        var t = text?.Trim();
        return string.IsNullOrEmpty(t) || t[^1] is '.' or '!' or '?' or ':' ? t : t + ".";
    }

    private static string V(MetricSummary m, double v) => m.Count == 0 ? "–" : m.Unit == "ms" ? Fmt.Ms(v) : Fmt.Value(v);

    private static Tone? VerdictTone(string cell) => cell.ToUpperInvariant() switch
    {
        "PASS" or "PASSED" or "OK" => Tone.Good,
        "FAIL" or "FAILED" => Tone.Bad,
        "WARN" or "WARNING" => Tone.Warn,
        _ => null,
    };

    private static List<KeyFigure> Tiles(ScenarioResult s)
    {
        var tiles = new List<KeyFigure>();
        if (s.Counters.TryGetValue("requests", out var requests))
        {
            var errors = s.Counters.GetValueOrDefault("errors");
            tiles.Add(new KeyFigure("Requests", Fmt.Int(requests), $"{Fmt.Int(errors)} errors", errors == 0 ? Tone.Good : Tone.Warn));
        }

        if (s.Values.TryGetValue("rps", out var rps))
        {
            tiles.Add(new KeyFigure("Achieved rate", Fmt.Value(rps, "req/s"), s.Values.TryGetValue("planned_rps", out var planned) ? $"planned {Fmt.Value(planned, "req/s")}" : null));
        }

        if (s.Values.TryGetValue("error_rate", out var rate))
        {
            tiles.Add(new KeyFigure("Error rate", Fmt.Percent(rate), s.Counters.TryGetValue("dropped_iterations", out var dropped) ? $"{Fmt.Int(dropped)} dropped iterations" : null, rate == 0 ? Tone.Good : Tone.Warn));
        }

        var main = s.Metrics.TryGetValue("http_req_duration", out var m) ? ("http_req_duration", m) : s.Metrics.Where(x => x.Value.Count > 0).Select(x => (x.Key, x.Value)).FirstOrDefault();
        if (main.Item2 is { Count: > 0 } metric)
        {
            tiles.Add(new KeyFigure(main.Item1 == "http_req_duration" ? "Latency p99" : $"{main.Item1} p99", metric.Unit == "ms" ? Fmt.Ms(metric.P99) : Fmt.Value(metric.P99, metric.Unit), $"p50 {(metric.Unit == "ms" ? Fmt.Ms(metric.P50) : Fmt.Value(metric.P50))} · n={Fmt.Int(metric.Count)}", Tone.Info));
        }

        foreach (var set in s.Samples.Where(x => x.Values.Count > 0).Take(4 - Math.Min(tiles.Count, 4)))
        {
            var sorted = set.Values.Where(double.IsFinite).Order().ToList();
            var p50 = Quantiles.Of(sorted, 0.5);
            tiles.Add(new KeyFigure($"{set.Name} median", set.Unit == "ms" ? Fmt.Ms(p50) : Fmt.Value(p50, set.Unit), $"max {(set.Unit == "ms" ? Fmt.Ms(sorted[^1]) : Fmt.Value(sorted[^1]))} · n={sorted.Count}", ReportContext.IsWarm(set.Name) ? Tone.Good : Tone.Info));
        }

        return tiles;
    }

    private static IEnumerable<Block> Charts(ScenarioResult s)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var series = s.Series.Where(x => x.Points.Count > 0).ToList();

        var byRate = series.Where(x => SeriesKinds.IsAgainstRate(x.Name) && x.Unit == "ms").ToList();
        if (byRate.Count > 0)
        {
            used.UnionWith(series.Where(x => SeriesKinds.IsAgainstRate(x.Name)).Select(x => x.Name));
            yield return new Figure(SeriesChart.Lines("latency (ms)", byRate, xLabel: "planned arrival rate (req/s)"), ChartHeight,
                $"Latency against arrival rate, one point per window of the capacity ramp ({string.Join(", ", byRate.Select(x => x.Name))}). Where the curve turns upwards the target is saturating; the table names the highest rate that held and the knee.");
        }

        var latency = series.Where(x => SeriesKinds.IsLatency(x.Name)).ToList();
        if (latency.Count > 0)
        {
            used.UnionWith(latency.Select(x => x.Name));
            yield return new Figure(SeriesChart.Lines("latency (ms)", latency), ChartHeight,
                $"Latency percentiles per second over the run ({string.Join(", ", latency.Select(x => x.Name))}). Measured from the intended send time in open models, so a stalled target shows up here rather than being hidden.");
        }

        foreach (var (name, metric) in s.Metrics.Where(x => x.Value.Count >= 50 && x.Value.Unit == "ms" && !string.IsNullOrEmpty(x.Value.Histogram)).OrderBy(x => x.Key == "http_req_duration" ? 0 : 1).Take(2))
        {
            if (DistributionChart.Decode(metric) is { Count: > 0 } values)
            {
                yield return new Figure(DistributionChart.Histogram(values, metric), ChartHeight,
                    $"Distribution of {name} (n={Fmt.Int(metric.Count)}) on a logarithmic time axis, from the run's HdrHistogram; dashed lines mark p50, p99 and p99.9.");
            }
        }

        var rate = series.FirstOrDefault(x => SeriesKinds.IsRate(x.Name));
        var errors = series.Where(x => SeriesKinds.IsError(x.Name)).ToList();
        if (rate is not null)
        {
            used.Add(rate.Name);
            used.UnionWith(errors.Select(x => x.Name));
            yield return new Figure(SeriesChart.DualAxis(rate, $"{rate.Name} ({Fmt.Or(rate.Unit, "per s")})", errors, errors.Count == 0 ? "" : $"errors ({Fmt.Or(errors[0].Unit, "per s")})"), ChartHeight,
                errors.Count == 0 ? "Achieved request rate per second." : $"Achieved request rate per second (solid, left axis) and {string.Join(", ", errors.Select(x => x.Name))} per second (dashed, right axis).");
        }

        var samples = s.Samples.Where(x => x.Values.Count > 0).ToList();
        if (samples.Count > 0)
        {
            // One warm set is a baseline for all; several (one per function) are shown as their own boxes instead.
            var warmSets = samples.Where(x => ReportContext.IsWarm(x.Name)).ToList();
            var warm = warmSets.Count == 1 ? warmSets[0] : null;
            var baseline = warm is null ? (double?)null : Quantiles.Of(warm.Values.Order().ToList(), 0.5);
            var unit = samples[0].Unit;
            yield return new Figure(BoxChart.Boxes(samples, $"{(samples.Any(x => ReportContext.IsCold(x.Name)) ? "cold start" : "value")} ({unit})", baseline, warm is null ? null : $"warm baseline (median of {warm.Name}) {Fmt.Ms(baseline!.Value)}"), ChartHeight,
                $"Each sample set as a box (quartiles; whiskers at min and max) with every sample as a dot."
                + (warm is not null ? $" The dashed line is the warm baseline: the median of '{warm.Name}', a request to a replica that is already running."
                    : warmSets.Count > 1 ? " The '…warm' boxes are the baselines: requests to a replica that is already running." : ""));
        }

        var churn = s.Metrics.Where(x => x.Value.Count > 0 && SeriesKinds.IsChurn(x.Key) && !ReportContext.IsCold(x.Key)).ToList();
        var coldMetrics = samples.Count == 0 ? s.Metrics.Where(x => x.Value.Count > 0 && ReportContext.IsCold(x.Key)).ToList() : [];
        foreach (var (group, caption) in new[]
        {
            (churn, "Deployment churn: time from deploy (or scale) request until the function is ready, as quantiles."),
            (coldMetrics, "Cold start quantiles per mode."),
        })
        {
            if (group.Count == 0)
            {
                continue;
            }

            yield return new Figure(
                BarChart.Grouped(group.Select(x => x.Key).ToList(), ["p50", "p90", "p99", "max"], group.Select(x => new[] { x.Value.P50, x.Value.P90, x.Value.P99, x.Value.Max }).ToArray(), $"{group[0].Value.Unit}"),
                ChartHeight, caption);
        }

        var sockets = series.Where(x => !used.Contains(x.Name) && SeriesKinds.IsSocket(x.Name)).ToList();
        if (sockets.Count > 0)
        {
            used.UnionWith(sockets.Select(x => x.Name));
            yield return new Figure(SeriesChart.Lines("sockets / ports", sockets), ChartHeight,
                $"TCP state over time ({string.Join(", ", sockets.Select(x => x.Name))}). A socket stays in TIME_WAIT for 60 s after the side that closed first; with Linux's default port range (28,232 ports) that caps new connections per destination at about 470/s.");
        }

        var conntrack = series.Where(x => !used.Contains(x.Name) && SeriesKinds.IsConntrack(x.Name)).ToList();
        if (conntrack.Count > 0)
        {
            used.UnionWith(conntrack.Select(x => x.Name));
            yield return new Figure(SeriesChart.Lines("entries", conntrack), ChartHeight,
                $"Connection-tracking table over time ({string.Join(", ", conntrack.Select(x => x.Name))}). When the count reaches nf_conntrack_max the kernel drops new connections ('nf_conntrack: table full').");
        }

        // Anything else a scenario carries is charted by unit, so new scenarios render without special code.
        foreach (var byUnit in series.Where(x => !used.Contains(x.Name)).GroupBy(x => x.Unit, StringComparer.Ordinal))
        {
            foreach (var chunk in byUnit.Chunk(4))
            {
                yield return new Figure(SeriesChart.Lines(byUnit.Key.Length == 0 ? "value" : byUnit.Key, chunk), ChartHeight,
                    $"{string.Join(", ", chunk.Select(x => x.Name))} over time.");
            }
        }
    }
}
