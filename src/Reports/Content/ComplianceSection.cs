using Harness.Reports.Model;

namespace Harness.Reports.Content;

/// <summary>Compliance: every check with its evidence and verdict, or a plain statement that none ran.</summary>
internal static class ComplianceSection
{
    public static Section Build(ReportContext ctx)
    {
        var blocks = new List<Block>();
        var c = ctx.Run.Compliance;
        if (c is null)
        {
            blocks.Add(new VerdictBanner("NOT RUN", Tone.Warn, "No compliance checks were run for this report."));
            blocks.Add(new Paragraph(
                "No residency or configuration policy was evaluated in this run, so this report makes **no claim** about data residency, " +
                "sub-processors, registries or node configuration. Run the harness with a policy file to add the checks, their evidence and the policy's hash to this section.")
            { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
            return new Section("Compliance", blocks) { Anchor = ctx.Anchors.For("compliance") };
        }

        var failed = c.Findings.Where(f => !f.Passed).ToList();
        var failing = ComplianceVerdict.Failing(c);
        blocks.Add(new VerdictBanner(failing.Count == 0 ? "PASSED" : "FAILED", failing.Count > 0 ? Tone.Bad : failed.Count > 0 ? Tone.Warn : Tone.Good,
            $"{c.Findings.Count - failed.Count} of {c.Findings.Count} checks passed against policy **{c.PolicyName}**; findings at or above '{c.FailAt}' fail the run ({failing.Count} did)."));
        blocks.Add(new Table([new TableColumn("Item", 1.2f), new TableColumn("Value", 3.8f)],
        [
            [new TableCell("Policy", Bold: true), c.PolicyName],
            [new TableCell("Policy file", Bold: true), Fmt.Or(c.PolicyFile, "not recorded")],
            [new TableCell("Policy SHA-256", Bold: true), c.PolicyHash],
            [new TableCell("Fails at", Bold: true), c.FailAt],
        ]));
        if (c.Findings.Count == 0)
        {
            blocks.Add(new Paragraph("The policy produced no findings: nothing was checked.") { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
            return new Section("Compliance", blocks) { Anchor = ctx.Anchors.For("compliance") };
        }

        blocks.Add(new Table(
            [new TableColumn("Rule", 1.3f), new TableColumn("Check", 2.6f), new TableColumn("Subject", 1.5f), new TableColumn("Severity", 0.9f), new TableColumn("Verdict", 0.9f)],
            c.Findings.OrderBy(f => f.Passed).ThenByDescending(f => ComplianceVerdict.Rank(f.Severity)).Select(f => (IReadOnlyList<TableCell>)
            [
                f.RuleId, f.Title, Fmt.Or(f.Subject, "–"), f.Severity, Fmt.Badge(f.Passed),
            ]).ToList())
        { Title = "Checks" });

        blocks.Add(new SubHeading("Evidence"));
        foreach (var f in c.Findings.OrderBy(f => f.Passed).ThenBy(f => f.RuleId, StringComparer.Ordinal))
        {
            var rows = f.Evidence.Select(e => (IReadOnlyList<TableCell>)[e.Source, e.Observed, Fmt.Or(e.Location, "–")]).ToList();
            var title = $"{f.RuleId}: {f.Title}{(f.Subject is null ? "" : " — " + f.Subject)} ({(f.Passed ? "passed" : "FAILED")}, {f.Severity})";
            if (rows.Count == 0)
            {
                blocks.Add(new Paragraph($"**{title}.** No evidence was recorded for this check."));
            }
            else
            {
                blocks.Add(new Table([new TableColumn("Source", 1.4f), new TableColumn("Observed", 3), new TableColumn("Location", 1.4f)], rows)
                {
                    Title = title,
                    Note = string.Join(" ", new[]
                    {
                        f.Remediation is null ? null : "Remediation: " + f.Remediation,
                        f.References.Count == 0 ? null : "References: " + string.Join("; ", f.References),
                    }.Where(x => x is not null)),
                });
            }
        }

        return new Section("Compliance", blocks) { Anchor = ctx.Anchors.For("compliance") };
    }
}
