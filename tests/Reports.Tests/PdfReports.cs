using Harness.Reports.Bench;
using Harness.Results;

namespace Harness.Reports.Tests;

/// <summary>The reports the PDF tests read, written once per test class into a temporary directory.</summary>
public sealed class PdfReports : IDisposable
{
    public PdfReports()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("harness-reports-").FullName;
        Rich = RunSummaryJson.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "results.json")), "Fixtures/results.json");
        RichPdf = Write("rich.pdf", Rich);
        CompliancePdf = Write("compliance.pdf", Rich with { Compliance = SampleRun.Compliance(), Scenarios = [SampleRun.Throughput()] });
        BigTablePdf = Write("bigtable.pdf", Rich with { Scenarios = [SampleRun.BigTable()] });
        EmptyPdf = Write("empty.pdf", new RunSummary
        {
            RunId = "empty",
            StartedAt = Rich.StartedAt,
            FinishedAt = Rich.StartedAt,
            Target = new TargetInfo { Name = "nowhere", Kind = "embedded" },
            Environment = new EnvironmentInfo(),
            Scenarios = [SampleRun.Failed()],
            Interrupted = true,
        });
    }

    public string Directory { get; }
    public RunSummary Rich { get; }
    public string RichPdf { get; }
    public string CompliancePdf { get; }
    public string BigTablePdf { get; }
    public string EmptyPdf { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Write(string name, RunSummary run)
    {
        var path = Path.Combine(Directory, name);
        ReportGenerator.WritePdf(run, path);
        return path;
    }
}
