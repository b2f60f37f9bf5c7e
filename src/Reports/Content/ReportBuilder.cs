using Harness.Reports.Dataset;
using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>Turns a finished run into the report's document model: summary, environment, scenarios, comparison, compliance, appendix.</summary>
internal static class ReportBuilder
{
    public static ReportDocument Build(RunSummary run, ReportOptions options, ReferenceDataset dataset)
    {
        var ctx = new ReportContext(run, options, dataset);
        var sections = new List<Section> { SummarySection.Build(ctx), EnvironmentSection.Build(ctx) };
        sections.AddRange(run.Scenarios.Select(s => ScenarioSection.Build(ctx, s)));
        sections.Add(ComparisonSection.Build(ctx));
        if (options.Trends.Count > 0)
        {
            sections.Add(TrendsSection.Build(ctx, options.Trends));
        }

        sections.Add(ComplianceSection.Build(ctx));
        // The appendix lists the dataset entries the other sections used, so it is built last.
        sections.Add(AppendixSection.Build(ctx));

        var verdict = RunVerdict.Of(run);
        var title = options.Title ?? $"Harness report: {run.Target.Name}";
        return new ReportDocument
        {
            Title = title,
            Subtitle = $"Load and compliance test of {run.Target.Name} ({run.Target.Kind}{(run.Target.DeclaredLocation is null ? "" : ", " + run.Target.DeclaredLocation)}) · run {run.RunId} · {Fmt.Date(run.StartedAt)}",
            HeaderRight = $"target {run.Target.Name} · run {run.RunId}",
            FooterLeft = $"{Fmt.Date(run.FinishedAt)} · commit {Fmt.Commit(run.Environment.GitCommit)}",
            Author = "Harness",
            Subject = $"FaaS load and compliance test of {run.Target.Name}, run {run.RunId}: {verdict.Label}",
            Keywords = $"FaaS, load test, cold start, compliance, {run.Target.Name}, {run.RunId}",
            Created = run.FinishedAt,
            Cover = [new VerdictBanner(verdict.Label, verdict.Tone, verdict.Sentence)],
            Sections = sections,
        };
    }
}
