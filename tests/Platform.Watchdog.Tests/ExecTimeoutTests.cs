using System.Net;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class ExecTimeoutTests
{
    [Theory]
    [InlineData("serializing")]
    [InlineData("streaming")]
    public async Task Exec_timeout_kills_the_child_and_every_grandchild(string mode)
    {
        using var dir = new TempDirectory();
        var pids = Path.Combine(dir.Path, "pids");
        // The child starts two background grandchildren (one of them a nested shell with its own child), records every
        // pid, then blocks: only a kill of the whole process group ends them all.
        var fprocess = dir.Script("spawner.sh", $"""
            sleep 300 &
            echo $! >> {pids}
            sh -c 'sleep 301 & echo $! >> {pids}; wait' &
            echo $! >> {pids}
            echo $$ >> {pids}
            echo started
            wait
            """);
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = fprocess,
            ["mode"] = mode,
            ["exec_timeout"] = "1500ms", // room for the script to record every pid on a loaded machine
        });

        using var response = await wd.PostAsync("/", new StringContent(""));

        if (mode == "serializing")
        {
            Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
            Assert.Equal("Killed process.\n", await response.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // streaming: status already sent, output truncated
        }

        var recorded = (await File.ReadAllLinesAsync(pids)).Where(l => l.Length > 0).Select(int.Parse).ToArray();
        Assert.Equal(4, recorded.Length);
        await Poll.UntilAsync(() => recorded.All(pid => !ProcFs.IsAlive(pid)), TimeSpan.FromSeconds(5),
            "every process of the tree to be gone: " + string.Join(", ", recorded.Where(ProcFs.IsAlive)));
        Assert.Empty(ProcFs.Children(wd.Pid));
    }

    [Fact]
    public async Task A_process_that_finishes_in_time_is_not_killed()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = "cat",
            ["exec_timeout"] = "10",
        });

        using var response = await wd.PostAsync("/", new StringContent("fine"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fine", await response.Content.ReadAsStringAsync());
    }
}
