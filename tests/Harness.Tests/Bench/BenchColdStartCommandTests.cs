using Harness.Tests.Cli;

namespace Harness.Tests.Bench;

public sealed class BenchColdStartCommandTests
{
    [Fact]
    public async Task Out_of_range_repetitions_exit_2_before_anything_starts()
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync("bench", "cold-start", "--repetitions", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--repetitions must be between 1 and 400", result.Output, StringComparison.Ordinal);
    }
}
