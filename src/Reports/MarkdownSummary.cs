using System.Text;
using Harness.Reports.Content;
using Harness.Reports.Model;
using Harness.Results;
using Harness.Results.Redaction;

namespace Harness.Reports;

/// <summary>A short Markdown summary of a run (summary.md) for CI job pages: verdict, scenarios, thresholds, key latencies.</summary>
public static class MarkdownSummary
{
    /// <summary>
    /// The summary as Markdown text, with secrets redacted as in results.json; <paramref name="options"/> supplies the
    /// title and the verdicts against the baseline (their section is left out when there are none).
    /// </summary>
    public static string Write(RunSummary run, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        run = JsonRedaction.Redact(run);
        var verdict = RunVerdict.Of(run);
        var icon = verdict.Label switch { "PASSED" => "✅", "FAILED" => "❌", _ => "⚠️" };
        var sb = new StringBuilder();
        sb.Append("# ").Append(Cell(options?.Title ?? $"Harness report: {run.Target.Name}")).Append("\n\n");
        sb.Append(icon).Append(" **").Append(verdict.Label).Append("**: ").Append(verdict.Sentence).Append("\n\n");
        sb.Append("Run `").Append(run.RunId).Append("` · target **").Append(Cell(run.Target.Name)).Append("** (").Append(run.Target.Kind).Append(") · ")
          .Append(Fmt.Date(run.StartedAt)).Append(" · ").Append(Fmt.Duration(run.FinishedAt - run.StartedAt))
          .Append(" · commit `").Append(Fmt.Commit(run.Environment.GitCommit)).Append("`\n\n");

        if (run.Target.Kind == "remote")
        {
            sb.Append("Target reports: ").Append(Cell(run.Target.Flavour ?? "not asked")).Append(", gateway ").Append(Cell(Fmt.Or(run.Target.GatewayVersion, "version not reported")))
              .Append(", provider ").Append(Cell(Fmt.Or(run.Target.ReportedProvider, "not reported"))).Append(' ').Append(Cell(run.Target.ProviderVersion ?? "")).Append("\n\n");
        }

        sb.Append("## Scenarios\n\n| scenario | kind | status | requests | errors | p50 | p99 |\n|---|---|---|---:|---:|---:|---:|\n");
        foreach (var s in run.Scenarios)
        {
            var m = s.Metrics.TryGetValue("http_req_duration", out var d) && d.Count > 0 ? d : s.Metrics.Values.FirstOrDefault(x => x.Count > 0);
            sb.Append("| ").Append(Cell(s.Name)).Append(" | ").Append(Cell(s.Kind)).Append(" | ").Append(Fmt.Verdict(s))
              .Append(" | ").Append(s.Counters.TryGetValue("requests", out var r) ? Fmt.Int(r) : "–")
              .Append(" | ").Append(s.Counters.TryGetValue("errors", out var e) ? Fmt.Int(e) : "–")
              .Append(" | ").Append(m is null ? "–" : Value(m, m.P50))
              .Append(" | ").Append(m is null ? "–" : Value(m, m.P99)).Append(" |\n");
        }

        if (run.Scenarios.Count == 0)
        {
            sb.Append("| (none) | | | | | | |\n");
        }

        // Where a node scenario ran, and how a cold start was made: a reader must not take the client for the target's node.
        var how = run.Scenarios.SelectMany(s => s.Properties.Where(p => p.Key is "node" or "cold_start_method").Select(p => (s, p))).ToList();
        if (how.Count > 0)
        {
            sb.Append('\n');
            foreach (var (s, p) in how)
            {
                sb.Append("- **").Append(Cell(s.Name)).Append("** ").Append(p.Key == "node" ? "ran on " : "cold start by ").Append(Cell(p.Value)).Append('\n');
            }
        }

        // A distributed scenario's figures are a merge: say over how many agents, how evenly, and how far apart they started.
        var distributed = run.Scenarios.Where(s => s.Distributed is not null).ToList();
        if (distributed.Count > 0)
        {
            sb.Append('\n');
            foreach (var s in distributed)
            {
                var d = s.Distributed!;
                sb.Append("- **").Append(Cell(s.Name)).Append("** ran on ").Append(d.Agents).Append(" agents (").Append(Cell(d.Runtime)).Append("), start skew ")
                  .Append(d.StartSkewMs is { } k ? Fmt.Value(k, "ms") : "–").Append(": ")
                  .Append(string.Join("; ", d.Shares.Select(a => $"{a.Index} ({a.Segment}) {a.Status}, {Fmt.Int(a.Requests)} req, {a.Rps.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}/s, {Fmt.Int(a.Dropped)} dropped")))
                  .Append('\n');
            }
        }

        var thresholds = run.Scenarios.SelectMany(s => s.Thresholds.Select(t => (s, t))).ToList();
        if (thresholds.Count > 0)
        {
            sb.Append("\n## Thresholds\n\n| scenario | threshold | actual | result |\n|---|---|---:|---|\n");
            foreach (var (s, t) in thresholds)
            {
                sb.Append("| ").Append(Cell(s.Name)).Append(" | `").Append(Cell(t.Expression)).Append("` on ").Append(Cell(t.Metric))
                  .Append(" | ").Append(t.Actual is { } a ? Fmt.Value(a, t.Unit) : "–").Append(" | ").Append(t.Passed ? "✅ pass" : "❌ fail").Append(" |\n");
            }
        }

        var problems = run.Scenarios.Where(s => ScenarioStatuses.IsJUnitError(s.Status)).ToList();
        if (problems.Count > 0)
        {
            sb.Append("\n## Could not run\n\n");
            foreach (var s in problems)
            {
                sb.Append("- **").Append(Cell(s.Name)).Append("**: ").Append(Cell(Fmt.Or(s.Error, "no reason recorded"))).Append('\n');
            }
        }

        var partial = run.Scenarios.Where(s => s.Missing.Count > 0).ToList();
        if (partial.Count > 0)
        {
            sb.Append("\n## Main figures not measured\n\n");
            foreach (var s in partial)
            {
                sb.Append("- **").Append(Cell(s.Name)).Append("**: ").Append(Cell(string.Join("; ", s.Missing.Select(m => $"{m.Key} not measured: {m.Value}")))).Append('\n');
            }
        }

        if (options is { Regressions.Count: > 0 } o)
        {
            sb.Append("\n## Against the baseline").Append(o.BaselineRunId is null ? "" : $" (run `{o.BaselineRunId}`)")
              .Append("\n\n| scenario | metric | verdict | detail |\n|---|---|---|---|\n");
            foreach (var v in o.Regressions)
            {
                sb.Append("| ").Append(Cell(v.Scenario)).Append(" | ").Append(Cell(v.Metric)).Append(" | ").Append(v.IsRegression ? "❌ " : "")
                  .Append(Cell(v.Verdict)).Append(" | ").Append(Cell(v.Message)).Append(" |\n");
            }
        }

        sb.Append("\n## Compliance\n\n");
        sb.Append(run.Compliance is null
            ? "Compliance checks were not run.\n"
            : $"{run.Compliance.Findings.Count(f => f.Passed)} of {run.Compliance.Findings.Count} checks passed against policy `{run.Compliance.PolicyName}` (sha256 `{Fmt.Commit(run.Compliance.PolicyHash)}…`).\n");
        sb.Append("\nThe full report with charts, the public-cloud comparison and sources is in `report.pdf`.\n");
        return sb.ToString();
    }

    private static string Value(MetricSummary m, double v) => m.Unit == "ms" ? Fmt.Ms(v) : Fmt.Value(v, m.Unit);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
