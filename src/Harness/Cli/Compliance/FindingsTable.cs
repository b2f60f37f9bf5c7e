using Harness.Compliance;
using Harness.Compliance.Policy;
using Spectre.Console;

namespace Harness.Cli.Compliance;

/// <summary>The console view of a residency check: one row per finding, failures first, then a verdict line.</summary>
internal static class FindingsTable
{
    public static void Write(IAnsiConsole console, ResidencyCheckOutcome outcome)
    {
        var result = outcome.Result;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Result");
        table.AddColumn("Severity");
        table.AddColumn("Rule");
        table.AddColumn("Subject");
        table.AddColumn("Finding");
        var ordered = result.Findings
            .OrderBy(f => f.Passed)
            .ThenByDescending(f => SeverityNames.TryParse(f.Severity, out var s) ? (int)s : 0);
        foreach (var f in ordered)
        {
            var status = f.Passed ? "[green]pass[/]" : f.Severity == "info" ? "[grey]not checked[/]" : "[red]FAIL[/]";
            table.AddRow(
                new Markup(status),
                new Text(f.Severity),
                new Text(f.RuleId),
                new Text(f.Subject ?? "-"),
                new Text(f.Title));
        }

        console.Write(table);
        // Evidence and references are in findings.json; the console shows what to do about each failure.
        foreach (var f in ordered.Where(f => !f.Passed && f.Severity != "info" && f.Remediation is not null))
        {
            console.MarkupLineVerbatim($"[bold]{f.RuleId}[/] {f.Subject}: {f.Remediation}");
        }

        var failedCount = result.Findings.Count(f => !f.Passed && f.Severity != "info");
        console.MarkupLineVerbatim($"policy {result.PolicyName} ({result.PolicyHash}), fail at {result.FailAt}: {result.Findings.Count} check(s), {result.Findings.Count(f => f.Passed)} passed, {failedCount} failed");
        console.MarkupLine(outcome.Failed ? "[red]RESULT: a finding reaches the policy threshold (exit 1)[/]" : "[green]RESULT: no finding reaches the policy threshold (exit 0)[/]");
    }
}
