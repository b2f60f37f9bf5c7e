using Harness.Results;

namespace Harness.Reports.Tests;

public sealed class GenerateTests
{
    [Fact]
    public void Writes_sample_report_for_eyes()
    {
        var dir = Environment.GetEnvironmentVariable("REPORT_SAMPLE_DIR");
        if (dir is null)
        {
            return;
        }

        var run = RunFixtures.Rich();
        File.WriteAllText(Path.Combine(dir, "results.json"), RunSummaryJson.Serialize(run));
        ReportGenerator.WriteAll(run, dir);
        ReportGenerator.WritePdf(run with { Compliance = RunFixtures.Compliance() }, Path.Combine(dir, "report-compliance.pdf"));
    }
}
