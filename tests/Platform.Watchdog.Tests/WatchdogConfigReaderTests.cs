using Harness.Watchdog.Config;

namespace Harness.Platform.Watchdog.Tests;

public sealed class WatchdogConfigReaderTests
{
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

    [Theory]
    [InlineData("-1s")]
    [InlineData("-5")]
    public void Negative_timeouts_are_errors(string text)
    {
        var (config, errors) = WatchdogConfigReader.Read(new System.Collections.Hashtable { ["fprocess"] = "cat", ["read_timeout"] = text });

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("read_timeout:", StringComparison.Ordinal));
    }

    [Fact]
    public void Exec_timeout_is_capped_by_write_timeout()
    {
        var (config, _) = WatchdogConfigReader.Read(new System.Collections.Hashtable { ["fprocess"] = "cat", ["exec_timeout"] = "2m", ["write_timeout"] = "10s" });

        Assert.Equal(TimeSpan.FromSeconds(10), config!.InvocationDeadline);
    }
}
