using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>Appendix: method notes, every scenario's raw percentiles, and the data sources.</summary>
internal static class AppendixSection
{
    public static Section Build(ReportContext ctx)
    {
        var blocks = new List<Block>
        {
            new SubHeading("Method notes"),
            new BulletList(
            [
                "**Open and closed models.** An open model (constant or ramping arrival rate) starts requests on a schedule whatever the target does, like real users; a closed model (constant or ramping virtual users) waits for each answer before the next request, so a slow target gets less load. Each scenario's load model is named in its section.",
                "**Coordinated omission.** In open models latency is measured from the intended start time of each request, not from when it was actually sent, so a stalled target cannot hide its stall by delaying the measurement (as wrk2 does). Requests that could not start because no virtual user was free are counted as dropped iterations.",
                "**Warm-up.** Requests in a scenario's warm-up phase are recorded separately and left out of the results and thresholds.",
                "**Percentiles** come from HdrHistogram with 3 significant digits (microsecond resolution); cold-start box plots use the raw samples.",
                "**Thresholds** are written as k6 does (e.g. p(99) < 250ms); a missed threshold fails its scenario and the run.",
                "**Published figures** are not re-measured: they are quoted with their source, conditions and date, and what each one measures is stated where it is compared.",
            ]),
        };

        var withMetrics = ctx.Run.Scenarios.Where(s => s.Metrics.Count > 0).ToList();
        blocks.Add(new SubHeading("Raw percentile tables"));
        if (withMetrics.Count == 0)
        {
            blocks.Add(new Paragraph("No scenario recorded a distribution."));
        }

        foreach (var s in withMetrics)
        {
            blocks.Add(ScenarioSection.PercentileTable(s, s.Name));
        }

        blocks.Add(new SubHeading("Data sources"));
        blocks.Add(new Paragraph(
            $"Reference dataset: {(ctx.Dataset.Origin == "built-in" ? "the copy built into Harness" : ctx.Dataset.Origin)}; \"{Fmt.Or(ctx.Dataset.Meta.Title, "untitled")}\", compiled {Fmt.Or(ctx.Dataset.Meta.Generated, "on an unknown date")}. " +
            Fmt.Or(ctx.Dataset.Meta.Note, "") + " Point harness report --dataset FILE at an updated copy to refresh these figures."));
        var used = ctx.Dataset.Entries.Where(e => ctx.UsedEntries.Contains(e.Id)).ToList();
        blocks.Add(new Table(
            [new TableColumn("Entry", 2.2f), new TableColumn("Sources", 4), new TableColumn("Retrieved", 1), new TableColumn("Confidence", 1)],
            used.Select(e => (IReadOnlyList<TableCell>)
            [
                e.Id,
                string.Join("; ", e.Source.Select(s => s.Title + (s.Url is null ? "" : " " + s.Url) + (s.Published is null ? "" : $" ({s.Published})"))),
                Fmt.Or(e.Retrieved, "–"),
                Fmt.Or(e.Confidence, "–"),
            ]).ToList())
        { Title = "Dataset entries used in this report" });
        blocks.Add(new Paragraph(
            $"Measurements: results file of run {ctx.Run.RunId} (schema {ctx.Run.SchemaVersion}), git commit {Fmt.Or(ctx.Run.Environment.GitCommit)}. Scenario-specific tables name their own sources.")
        { Style = ParagraphStyle.Small });
        return new Section("Appendix", blocks) { Anchor = ctx.Anchors.For("appendix") };
    }
}
