using System.Net;
using System.Text;
using Harness.Platform.Procfs;
using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Tests.Cli;

/// <summary>
/// <c>platform up --sched-batch</c>: the gateway's threads, the replicas' watchdogs and the function's own process run
/// under SCHED_BATCH; without the flag all of them keep the default policy, as under OpenFaaS.
/// </summary>
public sealed class PlatformUpSchedBatchTests(ITestOutputHelper output) : IDisposable
{
    private const int SchedOther = 0;
    private const int SchedBatch = 3;

    private readonly string _dir = Directory.CreateTempSubdirectory("harness-up-batch-").FullName;

    [Theory]
    [InlineData(true, SchedBatch)]
    [InlineData(false, SchedOther)]
    public async Task The_flag_puts_the_gateway_its_replicas_and_the_function_under_SCHED_BATCH(bool flag, int policy)
    {
        if (!WatchdogLocator.TryFind(out var watchdog) || !Environment.IsPrivilegedProcess || !Directory.Exists("/sys/fs/cgroup/cpu"))
        {
            output.WriteLine("skipped: needs the watchdog binary (HARNESS_WATCHDOG), root and cgroup v1");
            return;
        }

        using var platform = await PlatformUpProcess.StartAsync(_dir, Path.Combine(_dir, "state"), watchdog, output, flag ? ["--sched-batch"] : []);
        using var admin = platform.Admin();
        // Fork mode: each call's process prints its own /proc/self/stat, so the function reports the policy it ran under.
        using (var deploy = await admin.PostAsync("/system/functions", new StringContent(
                   """{"service":"batchy","image":"batchy:latest","envProcess":"cat /proc/self/stat","labels":{"com.openfaas.scale.min":"1"}}""",
                   Encoding.UTF8, "application/json")))
        {
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
        }

        string stat = "";
        await Poll.UntilAsync(async () =>
        {
            using var call = await admin.PostAsync("/function/batchy", new StringContent(""));
            stat = await call.Content.ReadAsStringAsync();
            return call.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "batchy to answer");

        Assert.Equal(policy, ProcStat.Parse(stat)?.Policy);
        var threads = Directory.GetDirectories($"/proc/{platform.Process.Id}/task");
        Assert.True(threads.Length > 1, "the gateway's process has more than one thread");
        Assert.All(threads, t => Assert.Equal(policy, ProcStat.Read(t)?.Policy));
        var replicas = PlatformUpProcess.Replicas("batchy");
        Assert.NotEmpty(replicas);
        Assert.All(replicas, pid => Assert.All(Directory.GetDirectories($"/proc/{pid}/task"),
            t => Assert.Equal(policy, ProcStat.Read(t)?.Policy)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
