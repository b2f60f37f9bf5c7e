using Harness.Compliance;
using Harness.Compliance.Policy;
using Harness.Results;
using Spectre.Console;

namespace Harness.Cli.Compliance;

/// <summary>What <c>harness run</c> prints about the residency check: the verdict and each failure that counts.</summary>
internal static class ComplianceSummaryLine
{
    public static void Write(IAnsiConsole console, ComplianceResult? result)
    {
        if (result is null)
        {
            return;
        }

        var reached = ResidencyRunHook.ReachesThreshold(result);
        var counted = result.Findings
            .Where(f => !f.Passed && SeverityNames.TryParse(f.Severity, out var s) && SeverityNames.TryParse(result.FailAt, out var at) && s >= at)
            .ToList();
        if (reached)
        {
            console.MarkupLineVerbatim($"[red]compliance[/] policy {result.PolicyName} ({result.PolicyHash}): {counted.Count} finding(s) at or above {result.FailAt} (exit 1); details in results.json");
        }
        else
        {
            console.MarkupLineVerbatim($"[green]compliance[/] policy {result.PolicyName} ({result.PolicyHash}): no finding at or above {result.FailAt}");
        }

        foreach (var f in counted)
        {
            console.MarkupLineVerbatim($"  [red]{f.Severity}[/] {f.RuleId}: {f.Title}");
        }
    }
}
