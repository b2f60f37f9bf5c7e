using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Harness.History;
using Harness.Results;
using Harness.Runs;

namespace Harness.Core.Tests.History;

public sealed class JUnitSchemaTests
{
    private static List<string> Validate(XDocument document)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "History", "Fixtures", "junit.xsd"));
        var errors = new List<string>();
        // Round-trip through text, as a CI system reads the file.
        var reparsed = XDocument.Parse(document.ToString(SaveOptions.None), LoadOptions.SetLineInfo);
        reparsed.Validate(schemas, (_, e) => errors.Add(e.Message));
        return errors;
    }

    [Fact]
    public void Thresholds_findings_errors_skips_and_regression_verdicts_validate_against_the_junit_schema()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
        var baseRun = SyntheticRuns.Run("r1", t0, ("api", SyntheticRuns.Latency(20, 0.2, 500, 1)));
        var run = SyntheticRuns.Run("r2", t0.AddDays(1), ("api", SyntheticRuns.Latency(40, 0.2, 500, 2))) with
        {
            Compliance = new ComplianceResult
            {
                PolicyName = "norway",
                PolicyHash = "h",
                FailAt = "high",
                Findings =
                [
                    new Finding { RuleId = "RES-1", Title = "node in Norway", Severity = "high", Passed = true },
                    new Finding { RuleId = "RES-2", Title = "secrets in a foreign region", Severity = "critical", Passed = false, Subject = "fn" },
                    new Finding { RuleId = "CFG-3", Title = "no resource limits", Severity = "low", Passed = false },
                ],
            },
        };
        run = run with
        {
            Scenarios =
            [
                .. run.Scenarios,
                new ScenarioResult { Name = "broken", Kind = "throughput", Status = ScenarioStatus.Error, Error = "target: refused" },
                new ScenarioResult { Name = "later", Kind = "cold-start", Status = ScenarioStatus.Skipped, Error = "stopped" },
            ],
        };
        var toHistory = (RunSummary r) => new HistoryRun
        {
            RunId = r.RunId,
            StartedAt = r.StartedAt,
            Metrics = r.Scenarios.SelectMany(s => s.Metrics.Select(m => new HistoryMetric(s.Name, m.Key, m.Value))).ToList(),
        };
        var verdicts = RunComparer.Compare(toHistory(baseRun), toHistory(run), _ => 0.10);
        var doc = JUnitWriter.Build(run, verdicts);

        Assert.Empty(Validate(doc));
        var cases = doc.Descendants("testcase").ToList();
        Assert.Contains(cases, c => c.Attribute("classname")!.Value == "regression.api" && c.Element("failure")?.Attribute("type")?.Value == "regression");
        Assert.Contains(cases, c => c.Attribute("classname")!.Value == "compliance.norway" && c.Element("failure") is not null && c.Attribute("name")!.Value.StartsWith("RES-2", StringComparison.Ordinal));
        // A failed finding below fail-at is reported, not failed.
        Assert.Null(cases.Single(c => c.Attribute("name")!.Value.StartsWith("CFG-3", StringComparison.Ordinal)).Element("failure"));
        Assert.Equal(cases.Count, (int)doc.Root!.Attribute("tests")!);
        Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)doc.Root!.Attribute("failures")!);
    }

    [Fact]
    public void The_schema_rejects_a_testcase_without_a_name()
    {
        var bad = XDocument.Parse("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase classname=\"c\"/></testsuite></testsuites>");
        Assert.NotEmpty(Validate(bad));
    }
}
