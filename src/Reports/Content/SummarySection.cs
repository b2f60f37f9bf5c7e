using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>Summary: the verdict, key figures, what ran for how long, and every threshold.</summary>
internal static class SummarySection
{
    public static Section Build(ReportContext ctx)
    {
        var run = ctx.Run;
        var blocks = new List<Block>();
        var verdict = RunVerdict.Of(run);
        blocks.Add(new VerdictBanner(verdict.Label, verdict.Tone, verdict.Sentence));
        blocks.Add(new KeyFigures(Tiles(ctx)));
        blocks.Add(new Paragraph(
            $"Run **{run.RunId}** (profile {run.Profile}) measured target **{run.Target.Name}** ({run.Target.Kind}" +
            $"{(run.Target.GatewayUrl is null ? "" : ", " + run.Target.GatewayUrl)}) from {Fmt.Date(run.StartedAt)} to {Fmt.Date(run.FinishedAt)}, " +
            $"{Fmt.Duration(run.FinishedAt - run.StartedAt)} in all."));

        blocks.Add(new SubHeading("What was run"));
        var rows = run.Scenarios.Select(s => (IReadOnlyList<TableCell>)
        [
            new TableCell(s.Name, Bold: true), s.Kind, Fmt.Or(s.LoadModel, "–"), s.Duration > TimeSpan.Zero ? Fmt.Duration(s.Duration) : "–", Fmt.Badge(s),
        ]).ToList();
        blocks.Add(rows.Count == 0
            ? new Paragraph("No scenario results are in this results file.") { Style = ParagraphStyle.Callout, Tone = Tone.Warn }
            : new Table([new TableColumn("Scenario", 2.1f), new TableColumn("Kind", 1.9f), new TableColumn("Load model", 3.2f), new TableColumn("Duration", 1.1f, true), new TableColumn("Status", 1.1f)], rows));

        blocks.Add(new SubHeading("Thresholds"));
        var thresholds = run.Scenarios.SelectMany(s => s.Thresholds.Select(t => (s, t))).ToList();
        if (thresholds.Count == 0)
        {
            blocks.Add(new Paragraph("No thresholds were set for this run, so no scenario can fail on a target figure."));
        }
        else
        {
            blocks.Add(new Table(
                [new TableColumn("Scenario", 2), new TableColumn("Metric", 2.2f), new TableColumn("Threshold", 2), new TableColumn("Actual", 1.3f, true), new TableColumn("Verdict", 1)],
                thresholds.Select(x => (IReadOnlyList<TableCell>)
                [
                    x.s.Name, x.t.Metric, x.t.Expression, x.t.Actual is { } a ? Fmt.Value(a, x.t.Unit) : "–", Fmt.Badge(x.t.Passed),
                ]).ToList())
            {
                Note = thresholds.Any(x => x.t.Message is not null)
                    ? string.Join(" ", thresholds.Where(x => x.t.Message is not null).Select(x => $"{x.s.Name}/{x.t.Metric}: {x.t.Message}"))
                    : null,
            });
        }

        var problems = run.Scenarios.Where(s => ScenarioStatuses.NotRun(s.Status)).ToList();
        foreach (var s in problems)
        {
            blocks.Add(new Paragraph($"**{s.Name}** {(ScenarioStatuses.IsJUnitError(s.Status) ? "could not run" : "was skipped")}: {Fmt.Or(s.Error, "no reason was recorded")}. Its section says what is missing.")
            { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
        }

        return new Section("Summary", blocks) { Anchor = ctx.Anchors.For("summary") };
    }

    private static List<KeyFigure> Tiles(ReportContext ctx)
    {
        var run = ctx.Run;
        var tiles = new List<KeyFigure>();
        var thresholds = run.Scenarios.SelectMany(s => s.Thresholds).ToList();
        var passed = run.Scenarios.Count(s => s.Status == ScenarioStatus.Passed);
        tiles.Add(new KeyFigure("Scenarios passed", $"{passed} / {run.Scenarios.Count}", $"{run.Scenarios.Count(s => ScenarioStatuses.IsJUnitError(s.Status))} could not run",
            passed == run.Scenarios.Count && passed > 0 ? Tone.Good : Tone.Bad));
        tiles.Add(new KeyFigure("Thresholds met", thresholds.Count == 0 ? "none set" : $"{thresholds.Count(t => t.Passed)} / {thresholds.Count}", null,
            thresholds.Count == 0 ? Tone.Neutral : thresholds.All(t => t.Passed) ? Tone.Good : Tone.Bad));
        if (ctx.MainLatency() is { } main)
        {
            tiles.Add(new KeyFigure("Latency p99", Fmt.Ms(main.Metric.P99), $"p50 {Fmt.Ms(main.Metric.P50)} · {main.Scenario.Name}", Tone.Info));
        }

        var requests = run.Scenarios.Sum(s => s.Counters.GetValueOrDefault("requests"));
        var errors = run.Scenarios.Sum(s => s.Counters.GetValueOrDefault("errors"));
        if (requests > 0)
        {
            tiles.Add(new KeyFigure("Requests", Fmt.Int(requests), $"{Fmt.Int(errors)} errors ({Fmt.Percent((double)errors / requests)})", errors == 0 ? Tone.Good : Tone.Warn));
        }

        var peak = run.Scenarios.Select(s => s.Values.GetValueOrDefault("rps")).DefaultIfEmpty(0).Max();
        if (peak > 0)
        {
            tiles.Add(new KeyFigure("Best rate", Fmt.Value(peak, "req/s"), "achieved, main phase"));
        }

        var cold = ctx.ColdStarts().Where(c => !ReportContext.IsWarm(c.Name)).ToList();
        if (cold.Count > 0)
        {
            var medians = cold.Select(c => (c.Name, P50: Charts.Quantiles.Of(c.Values.Order().ToList(), 0.5))).ToList();
            var best = medians.MinBy(c => c.P50);
            var worst = medians.MaxBy(c => c.P50);
            // The fastest function alone (a native binary) would flatter the platform: say it is the best, and give the worst.
            var note = medians.Count > 1 ? $"best of {medians.Count}; worst {Fmt.Ms(worst.P50)}" : best.Name;
            tiles.Add(new KeyFigure("Cold start p50", Fmt.Ms(best.P50), note, Tone.Info));
        }

        tiles.Add(new KeyFigure("Run time", Fmt.Duration(run.FinishedAt - run.StartedAt), run.Interrupted ? "interrupted" : $"profile {run.Profile}", run.Interrupted ? Tone.Warn : Tone.Neutral));
        tiles.Add(new KeyFigure("Compliance", run.Compliance is null ? "not run" : $"{run.Compliance.Findings.Count(f => f.Passed)} / {run.Compliance.Findings.Count}",
            run.Compliance is null ? "no policy was checked" : $"checks passed · {run.Compliance.PolicyName}",
            run.Compliance is null ? Tone.Warn : run.Compliance.Findings.All(f => f.Passed) ? Tone.Good : Tone.Bad));
        return tiles.Take(8).ToList();
    }
}
