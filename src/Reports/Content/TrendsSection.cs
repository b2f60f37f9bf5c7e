using Harness.Reports.Charts;
using Harness.Reports.Model;

namespace Harness.Reports.Content;

/// <summary>The trends page: p50 and p99 of each scenario's key latency over the last recorded runs, the baseline marked.</summary>
internal static class TrendsSection
{
    private const int MaxCharts = 8;

    public static Section Build(ReportContext ctx, IReadOnlyList<TrendPoint> trends)
    {
        var blocks = new List<Block>
        {
            new Paragraph($"The last {trends.Select(t => t.RunId).Distinct().Count()} recorded runs from the history database, oldest on the left. "
                + "Each chart shows a scenario's median and p99 latency per run; the dashed line marks the baseline this run was compared with."),
        };
        foreach (var group in trends.GroupBy(t => (t.Scenario, t.Metric)).Where(g => g.Count() >= 2).Take(MaxCharts))
        {
            var points = group.OrderBy(t => t.StartedAt).ToList();
            blocks.Add(new Figure(TrendChart.Lines(points), 170,
                $"{group.Key.Scenario} · {group.Key.Metric}: p50 and p99 (ms) over {points.Count} runs, from {points[0].RunId} to {points[^1].RunId}."));
        }

        if (blocks.Count == 1)
        {
            blocks.Add(new Paragraph("No metric has been recorded in two runs yet: the trends start with the next run.") { Style = ParagraphStyle.Callout, Tone = Tone.Neutral });
        }

        return new Section("Trends", blocks) { Anchor = ctx.Anchors.For("trends") };
    }
}
