using System.Diagnostics;
using Harness.Results;

namespace Harness.Tests.Runs;

/// <summary>Ctrl-C (SIGINT) or SIGTERM to a real <c>harness run</c>: what was measured is written, and the exit code is 130.</summary>
public sealed class SignalledRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-signalled-run-").FullName;

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signalled_run_writes_its_results_and_exits_130(string signal)
    {
        var output = Path.Combine(_dir, "out-" + signal);
        using var run = TwoScenarioRun.Start(_dir, output, "--no-history");
        var results = Path.Combine(output, "results.json");
        try
        {
            await Poll.UntilAsync(() => File.Exists(results), TimeSpan.FromSeconds(60), "the checkpoint after the first scenario");
            using (var kill = Process.Start("kill", ["-" + signal, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await run.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill();
                await run.WaitForExitAsync();
            }
        }

        Assert.Equal(130, run.ExitCode);
        var written = await RunSummaryJson.ReadAsync(results, CancellationToken.None);
        Assert.True(written.Interrupted);
        Assert.Equal(["first", "second"], written.Scenarios.Select(s => s.Name));
        Assert.True(written.Scenarios[0].Counters["requests"] > 0);
        Assert.True(written.Scenarios[1].Status is ScenarioStatus.Interrupted or ScenarioStatus.Skipped, written.Scenarios[1].Status.ToString());
        Assert.True(File.Exists(Path.Combine(output, "junit.xml")));
        Assert.Empty(Directory.EnumerateFiles(output, ".tmp-*"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
