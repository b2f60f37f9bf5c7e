using Harness.Bench;
using Harness.Tests.Cli;

namespace Harness.Tests.Bench;

public sealed class BenchWatchdogCommandTests
{
    [Fact]
    public void Options_report_every_problem()
    {
        var errors = new WatchdogBenchOptions { Duration = TimeSpan.FromMilliseconds(10), Rounds = 0, HttpConnections = 0, Http = false, Fork = false }.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("--duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--rounds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--connections", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("exclude each other", StringComparison.Ordinal));
        Assert.Empty(new WatchdogBenchOptions().Validate());
    }

    [Fact]
    public async Task Bad_flags_exit_2_before_anything_starts()
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync("bench", "watchdog", "--duration", "soon", "--rounds", "99");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--duration: 'soon' is not a duration", result.Output, StringComparison.Ordinal);
        Assert.Contains("--rounds: must be between 1 and 20", result.Output, StringComparison.Ordinal);
    }
}
