using Harness.Cli;
using Harness.Cli.App;
using Harness.Results;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Distributed;

/// <summary><c>harness run --agents N</c> end to end: thresholds are judged on the merge, and the outputs show the agents.</summary>
public sealed class DistributedRunCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-agents-").FullName;

    [Fact]
    public async Task Thresholds_fail_on_the_merge_although_every_agent_passes_alone()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Path.Combine(dir, "merged.yml");
        // 100 requests in all, 50 per agent: each agent alone meets "requests < 80", the run does not.
        File.WriteAllText(scenario, $$"""
            name: merged
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 50, duration: 2s}
            thresholds:
              - requests < 80
              - p99 < 10s
            """);
        var outDir = Path.Combine(dir, "out");

        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        var result = await app.RunAsync(["run", scenario, "--agents", "2", "--agent-runtime", "local", "--out", outDir, "--no-history"]);

        Assert.Equal(1, result.ExitCode);
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
        var s = Assert.Single(summary.Scenarios);
        Assert.Equal(ScenarioStatus.Failed, s.Status);
        Assert.Equal(100, s.Counters["requests"]);
        Assert.All(s.Distributed!.Shares, a => Assert.True(a.Requests < 80, $"agent {a.Index}: {a.Requests}"));
        Assert.Equal([false, true], s.Thresholds.Select(t => t.Passed));
        Assert.Equal(2, s.Values["agents"]);
        Assert.True(s.Values.ContainsKey("agent_start_skew_ms"));
        Assert.True(File.Exists(Path.Combine(outDir, "report.pdf")));
        Assert.Contains("agents", await File.ReadAllTextAsync(Path.Combine(outDir, "summary.md")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("agents", await File.ReadAllTextAsync(Path.Combine(outDir, "junit.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_agent_count_is_a_usage_error()
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);

        var error = await Assert.ThrowsAsync<Spectre.Console.Cli.CommandRuntimeException>(() => app.RunAsync(["run", "x.yml", "--agents", "0"]));

        Assert.Contains("--agents", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
