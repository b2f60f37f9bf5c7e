using System.Diagnostics;
using System.Globalization;
using System.Text;
using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Tests.Cli;

/// <summary>
/// <c>kill -9</c> of <c>harness platform up</c>: its replicas are orphaned (they outlive it) and its cgroups stay. The next
/// provider to start, with another state folder, reaps both: replicas by their marker and dead owner, cgroups by the
/// dead owner's registration (with the CPU quota lifted first).
/// </summary>
public sealed class KilledPlatformReapTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-reap-").FullName;
    private readonly List<PlatformUpProcess> _started = [];

    [Fact]
    public async Task The_next_start_reaps_the_replicas_and_cgroups_of_a_killed_platform()
    {
        if (!WatchdogLocator.TryFind(out var watchdog) || !Environment.IsPrivilegedProcess || !Directory.Exists("/sys/fs/cgroup/cpu"))
        {
            output.WriteLine("skipped: needs the watchdog binary (HARNESS_WATCHDOG), root and cgroup v1");
            return;
        }

        var first = await StartPlatformAsync(Path.Combine(_dir, "state-1"), watchdog);
        using (var admin = first.Admin())
        {
            using var deploy = await admin.PostAsync("/system/functions", new StringContent(
                """{"service":"reapme","image":"reapme:latest","envProcess":"cat","labels":{"com.openfaas.scale.min":"2"},"limits":{"cpu":"10m","memory":"64Mi"}}""",
                Encoding.UTF8, "application/json"));
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
            await Poll.UntilAsync(() => Replicas().Count >= 2, TimeSpan.FromSeconds(30), "two replicas of reapme");
        }

        var groups = CgroupsOf("reapme-");
        Assert.NotEmpty(groups);
        first.Process.Kill(); // SIGKILL: nothing of the platform runs its shutdown
        await first.Process.WaitForExitAsync();
        // Replicas that die with their provider (a parent-death signal) are fine too; any that outlived it must be reaped,
        // and the cgroups stay behind either way until a reaper removes them.
        output.WriteLine($"{Replicas().Count} replica process(es) outlived the killed platform");

        var second = await StartPlatformAsync(Path.Combine(_dir, "state-2"), watchdog);
        await Poll.UntilAsync(() => Replicas().Count == 0, TimeSpan.FromSeconds(20), "the orphaned replicas to be killed");
        await Poll.UntilAsync(() => groups.All(g => !Directory.Exists(g)), TimeSpan.FromSeconds(20), "the dead platform's cgroups to be removed");
        second.Process.Kill();
        await second.Process.WaitForExitAsync();
    }

    [Fact]
    public async Task Sandboxed_replicas_die_with_a_platform_killed_by_sigkill()
    {
        if (!WatchdogLocator.TryFind(out var watchdog) || !Environment.IsPrivilegedProcess || !Directory.Exists("/sys/fs/cgroup/cpu"))
        {
            output.WriteLine("skipped: needs the watchdog binary (HARNESS_WATCHDOG), root and cgroup v1");
            return;
        }

        var state = Path.Combine(_dir, "state-pipe");
        var platform = await StartPlatformAsync(state, watchdog);
        using (var admin = platform.Admin())
        {
            using var deploy = await admin.PostAsync("/system/functions", new StringContent(
                """{"service":"reapme","image":"reapme:latest","envProcess":"cat","labels":{"com.openfaas.scale.min":"2"}}""",
                Encoding.UTF8, "application/json"));
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
            await Poll.UntilAsync(() => Replicas().Count >= 2, TimeSpan.FromSeconds(30), "two replicas of reapme");
        }

        platform.Process.Kill(); // SIGKILL: no shutdown runs, and no other provider starts to reap
        await platform.Process.WaitForExitAsync();
        await Poll.UntilAsync(() => Replicas().Count == 0, TimeSpan.FromSeconds(20), "the replicas to die with their provider");
    }

    private static List<int> Replicas() => PlatformUpProcess.Replicas("reapme");

    private static List<string> CgroupsOf(string replicaPrefix) =>
        [.. new[] { "memory", "cpu", "pids" }
            .Select(c => Path.Combine("/sys/fs/cgroup", c))
            .SelectMany(c => Directory.EnumerateDirectories(c, "harness-*"))
            .SelectMany(g => Directory.EnumerateDirectories(g, replicaPrefix + "*"))];

    private async Task<PlatformUpProcess> StartPlatformAsync(string state, string watchdog)
    {
        var platform = await PlatformUpProcess.StartAsync(_dir, state, watchdog, output);
        _started.Add(platform);
        return platform;
    }

    public void Dispose()
    {
        foreach (var p in _started)
        {
            p.Dispose();
        }

        foreach (var pid in Replicas())
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
            }
        }

        Directory.Delete(_dir, recursive: true);
    }
}
