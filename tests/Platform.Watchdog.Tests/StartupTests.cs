using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Missing_fprocess_exits_non_zero_with_a_clear_message()
    {
        var wd = WatchdogProcess.Launch(new Dictionary<string, string> { ["fprocess"] = "" }, null, out _);
        await using (wd)
        {
            Assert.Equal(2, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            await Poll.UntilAsync(() => wd.Stderr.Contains("fprocess: not set", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the message");
        }
    }

    [Fact]
    public async Task Every_bad_setting_is_reported_at_once()
    {
        var wd = WatchdogProcess.Launch(new Dictionary<string, string>
        {
            ["fprocess"] = "cat",
            ["mode"] = "turbo",
            ["exec_timeout"] = "soon",
            ["max_inflight"] = "-1",
        }, null, out _);
        await using (wd)
        {
            Assert.Equal(2, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            await Poll.UntilAsync(
                () => wd.Stderr.Contains("mode: 'turbo'", StringComparison.Ordinal)
                    && wd.Stderr.Contains("exec_timeout: 'soon'", StringComparison.Ordinal)
                    && wd.Stderr.Contains("max_inflight: '-1'", StringComparison.Ordinal),
                TimeSpan.FromSeconds(5),
                "all three errors");
        }
    }

    [Fact]
    public async Task An_fprocess_that_does_not_exist_is_refused_at_start()
    {
        var wd = WatchdogProcess.Launch(new Dictionary<string, string> { ["fprocess"] = "no-such-binary-here --flag" }, null, out _);
        await using (wd)
        {
            Assert.Equal(2, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            await Poll.UntilAsync(() => wd.Stderr.Contains("'no-such-binary-here' was not found", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the message");
        }
    }

    [Fact]
    public async Task A_lock_path_that_cannot_be_written_is_refused_at_start()
    {
        var wd = WatchdogProcess.Launch(new Dictionary<string, string> { ["fprocess"] = "cat", ["lock_path"] = "/proc/no-such-dir/.lock" }, null, out _);
        await using (wd)
        {
            Assert.Equal(1, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            await Poll.UntilAsync(() => wd.Stderr.Contains("lock_path: cannot write /proc/no-such-dir/.lock", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the message");
        }
    }

    [Fact]
    public async Task Metrics_count_requests_by_code_and_method()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat" });
        for (var i = 0; i < 3; i++)
        {
            using var _ = await wd.PostAsync("/", new StringContent("x"));
        }

        var metrics = await wd.Client.GetStringAsync(wd.Url("/metrics"));

        Assert.Contains("http_requests_total{code=\"200\",method=\"post\"} 3\n", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_count{code=\"200\",method=\"post\"} 3\n", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{code=\"200\",method=\"post\",le=\"+Inf\"} 3\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_requests_in_flight gauge\n", metrics, StringComparison.Ordinal);
    }
}
