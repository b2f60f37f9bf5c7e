using System.Net;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class HealthAndShutdownTests
{
    [Fact]
    public async Task Health_and_ready_are_200_with_the_lock_and_other_methods_are_405()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat" });

        Assert.True(File.Exists(wd.LockPath));
        using var health = await wd.Client.GetAsync(wd.Url("/_/health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("OK", await health.Content.ReadAsStringAsync());
        Assert.Equal(200, await wd.StatusAsync("/_/ready"));
        using var post = await wd.PostAsync("/_/health", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Removing_the_lock_file_makes_health_503()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat" });

        File.Delete(wd.LockPath);

        Assert.Equal(503, await wd.StatusAsync("/_/health"));
        Assert.Equal(503, await wd.StatusAsync("/_/ready"));
    }

    [Fact]
    public async Task Suppress_lock_writes_no_lock_and_stays_healthy()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat", ["suppress_lock"] = "true" });

        Assert.False(File.Exists(wd.LockPath));
        Assert.Equal(200, await wd.StatusAsync("/_/health"));
    }

    [Fact]
    public async Task Sigterm_removes_the_lock_reports_503_drains_in_flight_work_and_exits_0()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = "cat",
            ["healthcheck_interval"] = "5s", // long enough for the checks below to run inside the window
        });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var keepAlive = new HttpClient();
        var inFlight = keepAlive.PostAsync(wd.Url("/"), new ReleasedContent(release.Task));
        await Poll.UntilAsync(() => ProcFs.Children(wd.Pid).Count > 0, TimeSpan.FromSeconds(10), "the function process to start");

        wd.Signal(Signals.SIGTERM);

        await Poll.UntilAsync(() => !File.Exists(wd.LockPath), TimeSpan.FromSeconds(5), "the lock file to be removed");
        Assert.Equal(503, await wd.StatusAsync("/_/health"));
        Assert.Equal(503, await wd.StatusAsync("/_/ready"));
        Assert.False(wd.HasExited);

        release.SetResult();
        using (var response = await inFlight)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("drained", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    private sealed class ReleasedContent(Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync("drai"u8.ToArray());
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync("ned"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 7;
            return true;
        }
    }
}
