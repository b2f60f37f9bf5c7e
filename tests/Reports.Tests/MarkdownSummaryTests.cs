using Harness.Reports.Bench;
namespace Harness.Reports.Tests;

public sealed class MarkdownSummaryTests
{
    [Fact]
    public void Lists_verdict_scenarios_thresholds_and_what_could_not_run()
    {
        var md = MarkdownSummary.Write(SampleRun.Rich());

        Assert.StartsWith("# Harness report: oslo-vps", md, StringComparison.Ordinal);
        Assert.Contains("**FAILED**", md, StringComparison.Ordinal);
        Assert.Contains("| hello-throughput | throughput | PASSED | 12,040 | 12 |", md, StringComparison.Ordinal);
        Assert.Contains("| cold-start | `p(50) < 400ms` on cold_start_http |", md, StringComparison.Ordinal);
        Assert.Contains("❌ fail", md, StringComparison.Ordinal);
        Assert.Contains("- **conntrack-full**: needs root", md, StringComparison.Ordinal);
        Assert.Contains("Compliance checks were not run.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_in_a_name_does_not_break_the_table()
    {
        var run = SampleRun.Rich() with { Scenarios = [SampleRun.Throughput() with { Name = "a|b" }] };

        var md = MarkdownSummary.Write(run);

        Assert.Contains("| a\\|b |", md, StringComparison.Ordinal);
    }
}
