using Harness.Reports.Bench;
using Harness.Results;

namespace Harness.Reports.Tests;

/// <summary>A report on a remote OpenFaaS CE target describes that target: its versions and limits (or "not known"), never the embedded platform's defaults.</summary>
public sealed class RemoteTargetReportTests
{
    [PopplerFact]
    public void The_pdf_gives_the_remote_targets_limits_and_calls_the_machine_facts_the_clients()
    {
        var directory = Directory.CreateTempSubdirectory("harness-remote-report-").FullName;
        try
        {
            var pdf = Path.Combine(directory, "r.pdf");
            ReportGenerator.WritePdf(Run(), pdf);
            var text = System.Text.RegularExpressions.Regex.Replace(Poppler.Text(pdf), @"\s+", " ");

            Assert.Contains("OpenFaaS Community Edition", text, StringComparison.Ordinal);
            Assert.Contains("faas-netes 0.18.13 (kubernetes)", text, StringComparison.Ordinal);
            Assert.Contains("the ingress's max body size would tell", text, StringComparison.Ordinal);
            Assert.Contains("not known: this run", text, StringComparison.Ordinal);
            Assert.DoesNotContain("64 MiB per call at the gateway", text, StringComparison.Ordinal);
            Assert.DoesNotContain("watchdog write_timeout (default 30 s)", text, StringComparison.Ordinal);
            Assert.Contains("The harness's own machine (the client, not the target's node)", text, StringComparison.Ordinal);
            Assert.Contains("PASSED (PARTIAL)", text, StringComparison.Ordinal);
            Assert.Contains("COULD NOT RUN", text, StringComparison.Ordinal);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("KEEP_PDF") is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void The_summary_of_an_openfaas_ce_run_names_the_gateway_and_its_unmeasured_figures()
    {
        var md = MarkdownSummary.Write(Run());

        Assert.Contains("Target reports: openfaas-ce, gateway 0.27.12 (sha 8d803bf93c8a), provider faas-netes 0.18.13", md, StringComparison.Ordinal);
        Assert.Contains("gateway_overhead_ratio not measured: no direct baseline on this target", md, StringComparison.Ordinal);
        Assert.Contains("| gone | throughput | COULD NOT RUN |", md, StringComparison.Ordinal);
        Assert.Contains("**gone**: function 'x' is not deployed", md, StringComparison.Ordinal);
        Assert.DoesNotContain("✅ **PASSED**", md, StringComparison.Ordinal);
    }

    private static RunSummary Run() => SampleRun.Rich() with
        {
            Target = new TargetInfo
            {
                Name = "staging",
                Kind = "remote",
                GatewayUrl = "https://faas.example.no/",
                Flavour = "openfaas-ce",
                GatewayVersion = "0.27.12 (sha 8d803bf93c8a)",
                ReportedProvider = "faas-netes",
                ProviderVersion = "0.18.13",
                Orchestration = "kubernetes",
                Limits = [new TargetLimit { Name = "payload", Value = "not known", Source = "the ingress's max body size would tell" }],
            },
            Scenarios =
            [
                SampleRun.Throughput() with { Missing = new Dictionary<string, string> { ["gateway_overhead_ratio"] = "no direct baseline on this target" } },
                SampleRun.Throughput() with { Name = "gone", Status = ScenarioStatus.CouldNotRun, Error = "function 'x' is not deployed" },
            ],
        };
}
