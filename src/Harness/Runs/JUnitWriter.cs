using System.Globalization;
using System.Xml.Linq;
using Harness.Results;

namespace Harness.Runs;

/// <summary>Writes <c>junit.xml</c>: one test suite per scenario, one test case per threshold (or one "ran" case when it has none).</summary>
public static class JUnitWriter
{
    public static XDocument Build(RunSummary run)
    {
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
            var cases = new List<XElement>();
            if (s.Status == ScenarioStatus.Error)
            {
                cases.Add(Case(s, "run", s.Duration, new XElement("error", new XAttribute("message", s.Error ?? "error"), s.Error ?? "")));
            }
            else if (s.Status == ScenarioStatus.Skipped)
            {
                cases.Add(Case(s, "run", TimeSpan.Zero, new XElement("skipped", new XAttribute("message", s.Error ?? "not run"))));
            }
            else if (s.Thresholds.Count == 0)
            {
                cases.Add(Case(s, "run", s.Duration, null));
            }

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

        suites.Add(new XAttribute("tests", tests), new XAttribute("failures", failures), new XAttribute("errors", errors));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    public static async Task WriteAsync(RunSummary run, string path, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await Build(run).SaveAsync(stream, SaveOptions.None, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
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
