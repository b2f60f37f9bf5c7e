using Harness.Watchdog.Config;

namespace Harness.Platform.Watchdog.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("0", 0)]
    [InlineData("1500ms", 1_500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("250us", 0.25)]
    public void Parses_seconds_and_go_durations(string text, double expectedMs)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(expectedMs, value.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10x")]
    [InlineData("ms")]
    [InlineData("1.2.3s")]
    public void Rejects_what_is_not_a_duration(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void Config_reader_collects_every_error()
    {
        var env = new System.Collections.Hashtable { ["mode"] = "http", ["read_timeout"] = "x", ["combine_output"] = "maybe" };

        var (config, errors) = WatchdogConfigReader.Read(env);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("fprocess:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("upstream_url:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("read_timeout:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("combine_output:", StringComparison.Ordinal));
    }

    [Fact]
    public void Exec_timeout_is_capped_by_write_timeout()
    {
        var (config, _) = WatchdogConfigReader.Read(new System.Collections.Hashtable { ["fprocess"] = "cat", ["exec_timeout"] = "2m", ["write_timeout"] = "10s" });

        Assert.Equal(TimeSpan.FromSeconds(10), config!.InvocationDeadline);
    }
}
