using Harness.Cli.Run;
using Harness.Results;
using Spectre.Console.Testing;

namespace Harness.Tests.Cli;

public sealed class RunSummaryTableTests
{
    [Fact]
    public void A_failed_threshold_line_names_what_failed_once()
    {
        var start = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
        var run = new RunSummary
        {
            RunId = "r",
            StartedAt = start,
            FinishedAt = start.AddSeconds(1),
            Target = new TargetInfo { Name = "t", Kind = "embedded" },
            Environment = new EnvironmentInfo { Cpus = 2 },
            Scenarios =
            [
                new ScenarioResult
                {
                    Name = "node-audit", Kind = "node-audit", Status = ScenarioStatus.Failed,
                    Thresholds =
                    [
                        new ThresholdResult { Expression = "net.ipv4.tcp_tw_reuse: 1", Metric = "net.ipv4.tcp_tw_reuse", Passed = false, Message = "is 2" },
                        new ThresholdResult { Expression = "p99 < 1s", Metric = "http_req_duration", Passed = false, Message = "http_req_duration p99 < 1s: actual 1.2s" },
                    ],
                },
            ],
        };
        var console = new TestConsole { Profile = { Width = 400 } };

        RunSummaryTable.Write(console, run, []);

        Assert.Contains("threshold failed node-audit: net.ipv4.tcp_tw_reuse: 1: is 2", console.Output, StringComparison.Ordinal);
        Assert.Contains("threshold failed node-audit: http_req_duration p99 < 1s: actual 1.2s", console.Output, StringComparison.Ordinal);
    }
}
