using System.Xml.Linq;
using Harness.Cli;
using Harness.Cli.App;
using Harness.Load;
using Harness.Results;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Runs;

public sealed class RunCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-run-").FullName;

    [Fact]
    public async Task A_plain_url_scenario_runs_and_writes_results_and_junit()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Write("quick.yml", $$"""
            name: quick
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 40, duration: 2s}
            thresholds:
              - p99 < 5s
              - dropped == 0
              - rps > 100000
            """);
        var outDir = Path.Combine(dir, "out");

        var result = await RunAsync("run", scenario, "--out", outDir, "--no-report");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("threshold failed", result.Output, StringComparison.Ordinal);
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
        var s = Assert.Single(summary.Scenarios);
        Assert.Equal(ScenarioStatus.Failed, s.Status);
        Assert.Equal(80, s.Counters["requests"]);
        Assert.NotNull(s.ScenarioHash);
        Assert.Equal([true, true, false], s.Thresholds.Select(t => t.Passed));
        // The encoded histogram survives the JSON round trip and gives back the same percentiles.
        var latency = s.Metrics["http_req_duration"];
        Assert.Equal(latency.P99, LatencyHistogram.Percentile(latency, 99));
        Assert.Contains(s.Series, t => t.Name == "rps" && t.Points.Sum(p => p.Value) == 80);
        var junit = XDocument.Load(Path.Combine(outDir, "junit.xml"));
        var cases = junit.Descendants("testcase").ToList();
        Assert.Equal(3, cases.Count);
        Assert.Single(cases, c => c.Element("failure") is not null);
    }

    [Fact]
    public async Task A_bad_scenario_exits_2_with_file_line_and_column()
    {
        var scenario = Write("bad.yml", """
            name: bad
            target: {url: "http://127.0.0.1:1/"}
            load: {model: constant-arrival-rat, rate: 5, duration: 1s}
            """);

        var result = await RunAsync("run", scenario, "--out", Path.Combine(dir, "out"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{scenario}:3:15: load.model: unknown model 'constant-arrival-rat'", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "out", "results.json")));
    }

    [Fact]
    public async Task An_unreachable_url_is_counted_as_connection_refused()
    {
        var scenario = Write("refused.yml", """
            name: refused
            target: {url: "http://127.0.0.1:1/"}
            load: {model: constant-vus, vus: 1, iterations: 5}
            thresholds: ["error_rate < 1%"]
            """);
        var outDir = Path.Combine(dir, "out2");

        var result = await RunAsync("run", scenario, "--out", outDir, "--no-report");

        Assert.Equal(1, result.ExitCode);
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(outDir, "results.json"), CancellationToken.None);
        Assert.True(summary.Scenarios[0].Counters.TryGetValue("error_connection_refused", out var refused), string.Join(", ", summary.Scenarios[0].Counters.Select(c => $"{c.Key}={c.Value}")));
        Assert.Equal(5, refused);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task User_text_is_printed_verbatim_not_as_markup_or_emoji()
    {
        // A file name and a value with emoji shortcodes and brackets: Spectre markup would print a skull or drop "[b]".
        var scenario = Write("pay-:skull:-[b].yml", """
            name: ":fire: pay"
            target: {url: "http://127.0.0.1:9/"}
            load: {model: constant-vus, vus: 0, duration: ":skull:"}
            """);

        var result = await RunAsync("run", scenario, "--out", Path.Combine(dir, "out"), "--no-report");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pay-:skull:-[b].yml:3:", result.Output, StringComparison.Ordinal);
        Assert.Contains("':skull:'", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\U0001F480", result.Output, StringComparison.Ordinal);
    }

    private static Task<CommandAppResult> RunAsync(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        return app.RunAsync(args);
    }
}
