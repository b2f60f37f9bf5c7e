using System.Globalization;
using System.Xml.Linq;
using Harness.Results;

namespace Harness.Runs;

/// <summary>Writes <c>junit.xml</c>: one test suite per scenario, one test case per threshold (or one "ran" case when it has none),
/// plus a suite of compliance findings and one of regression verdicts when the run has them.</summary>
public static class JUnitWriter
{
    public static XDocument Build(RunSummary run) => Build(run, null);

    internal static XDocument Build(RunSummary run, IReadOnlyList<History.MetricComparison>? regressions)
    {
        run = Harness.Results.JsonRedaction.Redact(run);
        var suites = new XElement("testsuites", new XAttribute("name", "harness run " + run.RunId));
        long tests = 0;
        long failures = 0;
        long errors = 0;
        foreach (var s in run.Scenarios)
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", s.Name),
                new XAttribute("timestamp", s.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XAttribute("time", Seconds(s.Duration)));
            if (s.Distributed is { } distributed)
            {
                suite.Add(AgentProperties(distributed));
            }

            var cases = new List<XElement>();
            if (ScenarioStatuses.IsJUnitError(s.Status))
            {
                var message = s.Status == ScenarioStatus.CouldNotRun ? "could not run: " + (s.Error ?? "no reason recorded") : s.Error ?? "error";
                cases.Add(Case(s, "run", s.Duration, new XElement("error", new XAttribute("message", message), new XAttribute("type", ScenarioStatuses.Word(s.Status)), message)));
            }
            else if (s.Status == ScenarioStatus.Interrupted)
            {
                // Not a pass: the plan did not finish. A skipped case keeps CI from reading partial figures as green.
                cases.Add(Case(s, "run", s.Duration, new XElement("skipped", new XAttribute("message", "interrupted: the run was stopped while this scenario ran"))));
            }
            else if (s.Status == ScenarioStatus.Skipped)
            {
                cases.Add(Case(s, "run", TimeSpan.Zero, new XElement("skipped", new XAttribute("message", s.Error ?? "not run"))));
            }
            else if (s.Thresholds.Count == 0)
            {
                cases.Add(Case(s, "run", s.Duration, null));
            }

            // A figure the scenario could not produce is a skipped case of its own, so a partial pass is visible in CI.
            cases.AddRange(s.Missing.Select(m => Case(s, m.Key, TimeSpan.Zero, new XElement("skipped", new XAttribute("message", $"not measured: {m.Value}")))));
            foreach (var t in s.Thresholds)
            {
                var failure = t.Passed
                    ? null
                    : new XElement("failure",
                        new XAttribute("message", t.Message ?? $"{t.Expression} not met"),
                        new XAttribute("type", "threshold"),
                        $"{t.Expression}: actual {t.Actual?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}{t.Unit}");
                cases.Add(Case(s, t.Expression, TimeSpan.Zero, failure));
            }

            var f = cases.Count(c => c.Element("failure") is not null);
            var e = cases.Count(c => c.Element("error") is not null);
            suite.Add(new XAttribute("tests", cases.Count), new XAttribute("failures", f), new XAttribute("errors", e),
                new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)));
            suite.Add(cases);
            suites.Add(suite);
            tests += cases.Count;
            failures += f;
            errors += e;
        }

        foreach (var extra in new[] { ComplianceSuite(run), regressions is null ? null : RegressionSuite(regressions, run.StartedAt) })
        {
            if (extra is not null)
            {
                suites.Add(extra);
                tests += (long)extra.Attribute("tests")!;
                failures += (long)extra.Attribute("failures")!;
            }
        }

        suites.Add(new XAttribute("tests", tests), new XAttribute("failures", failures), new XAttribute("errors", errors));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    public static Task WriteAsync(RunSummary run, string path, CancellationToken cancellationToken) => WriteAsync(Build(run), path, cancellationToken);

    internal static async Task WriteAsync(XDocument document, string path, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await document.SaveAsync(buffer, SaveOptions.None, cancellationToken).ConfigureAwait(false);
        Harness.Platform.Local.AtomicFile.Write(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Harness.Platform.Local.AtomicFile.Shared);
    }

    /// <summary>One test case per compliance finding; a failed finding is a JUnit failure only when it reaches the policy's fail-at severity.</summary>
    private static XElement? ComplianceSuite(RunSummary run)
    {
        if (run.Compliance is not { } c)
        {
            return null;
        }

        var threshold = Compliance.Policy.SeverityNames.TryParse(c.FailAt, out var t) ? t : Compliance.Policy.Severity.Critical;
        var cases = c.Findings.Select(f =>
        {
            var counts = !f.Passed && Compliance.Policy.SeverityNames.TryParse(f.Severity, out var s) && s >= threshold;
            var element = new XElement("testcase",
                new XAttribute("classname", "compliance." + c.PolicyName),
                new XAttribute("name", f.Subject is null ? $"{f.RuleId} {f.Title}" : $"{f.RuleId} {f.Title} ({f.Subject})"),
                new XAttribute("time", "0"));
            if (counts)
            {
                element.Add(new XElement("failure", new XAttribute("message", $"{f.Severity}: {f.Title}"), new XAttribute("type", "finding"),
                    f.Remediation ?? f.Title));
            }
            else if (!f.Passed)
            {
                element.Add(new XElement("system-out", $"failed below fail-at {c.FailAt} ({f.Severity}): {f.Title}"));
            }

            return element;
        }).ToList();
        return Suite("compliance " + c.PolicyName, run.StartedAt, cases);
    }

    /// <summary>One test case per compared metric; a regression beyond tolerance is a failure.</summary>
    internal static XElement RegressionSuite(IReadOnlyList<History.MetricComparison> comparisons, DateTimeOffset timestamp)
    {
        var cases = comparisons.Select(m =>
        {
            var element = new XElement("testcase",
                new XAttribute("classname", "regression." + m.Scenario),
                new XAttribute("name", m.Metric),
                new XAttribute("time", "0"));
            if (m.Verdict == History.Verdict.Regression)
            {
                element.Add(new XElement("failure", new XAttribute("message", "regression: " + m.Message), new XAttribute("type", "regression"), m.Message));
            }
            else
            {
                element.Add(new XElement("system-out", $"{m.Verdict}: {m.Message}"));
            }

            return element;
        }).ToList();
        return Suite("regressions", timestamp, cases);
    }

    private static XElement Suite(string name, DateTimeOffset timestamp, List<XElement> cases)
        => new("testsuite",
            new XAttribute("name", name),
            new XAttribute("timestamp", timestamp.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("time", "0"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            cases);

    /// <summary>A distributed scenario's agents as suite properties: count, runtime, start skew, and each agent's share of the figures.</summary>
    private static XElement AgentProperties(DistributedRun run)
    {
        static XElement Property(string name, object value) => new("property", new XAttribute("name", name), new XAttribute("value", Convert.ToString(value, CultureInfo.InvariantCulture)!));
        var properties = new XElement("properties", Property("agents", run.Agents), Property("agent_runtime", run.Runtime));
        if (run.StartSkewMs is { } skew)
        {
            properties.Add(Property("agent_start_skew_ms", skew));
        }

        foreach (var a in run.Shares)
        {
            var prefix = $"agent_{a.Index}_";
            properties.Add(Property(prefix + "segment", a.Segment), Property(prefix + "status", a.Status), Property(prefix + "requests", a.Requests),
                Property(prefix + "rps", a.Rps), Property(prefix + "dropped", a.Dropped));
        }

        return properties;
    }

    private static XElement Case(ScenarioResult s, string name, TimeSpan time, XElement? outcome)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", $"{s.Kind}.{s.Name}"),
            new XAttribute("name", name),
            new XAttribute("time", Seconds(time)));
        if (outcome is not null)
        {
            element.Add(outcome);
        }

        return element;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
