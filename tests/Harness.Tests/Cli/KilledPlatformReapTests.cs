using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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
    private readonly List<Process> _started = [];

    [Fact]
    public async Task The_next_start_reaps_the_replicas_and_cgroups_of_a_killed_platform()
    {
        if (!WatchdogLocator.TryFind(out var watchdog) || !Environment.IsPrivilegedProcess || !Directory.Exists("/sys/fs/cgroup/cpu"))
        {
            output.WriteLine("skipped: needs the watchdog binary (HARNESS_WATCHDOG), root and cgroup v1");
            return;
        }

        var (first, url) = await StartPlatformAsync(Path.Combine(_dir, "state-1"), watchdog);
        using (var admin = Admin(url, Path.Combine(_dir, "state-1")))
        {
            using var deploy = await admin.PostAsync("/system/functions", new StringContent(
                """{"service":"reapme","image":"reapme:latest","envProcess":"cat","labels":{"com.openfaas.scale.min":"2"},"limits":{"cpu":"10m","memory":"64Mi"}}""",
                Encoding.UTF8, "application/json"));
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
            await Poll.UntilAsync(() => Replicas().Count >= 2, TimeSpan.FromSeconds(30), "two replicas of reapme");
        }

        var groups = CgroupsOf("reapme-");
        Assert.NotEmpty(groups);
        first.Kill(); // SIGKILL: nothing of the platform runs its shutdown
        await first.WaitForExitAsync();
        // Replicas that die with their provider (a parent-death signal) are fine too; any that outlived it must be reaped,
        // and the cgroups stay behind either way until a reaper removes them.
        output.WriteLine($"{Replicas().Count} replica process(es) outlived the killed platform");

        var (second, _) = await StartPlatformAsync(Path.Combine(_dir, "state-2"), watchdog);
        await Poll.UntilAsync(() => Replicas().Count == 0, TimeSpan.FromSeconds(20), "the orphaned replicas to be killed");
        await Poll.UntilAsync(() => groups.All(g => !Directory.Exists(g)), TimeSpan.FromSeconds(20), "the dead platform's cgroups to be removed");
        second.Kill();
        await second.WaitForExitAsync();
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
        var (platform, url) = await StartPlatformAsync(state, watchdog);
        using (var admin = Admin(url, state))
        {
            using var deploy = await admin.PostAsync("/system/functions", new StringContent(
                """{"service":"reapme","image":"reapme:latest","envProcess":"cat","labels":{"com.openfaas.scale.min":"2"}}""",
                Encoding.UTF8, "application/json"));
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
            await Poll.UntilAsync(() => Replicas().Count >= 2, TimeSpan.FromSeconds(30), "two replicas of reapme");
        }

        platform.Kill(); // SIGKILL: no shutdown runs, and no other provider starts to reap
        await platform.WaitForExitAsync();
        await Poll.UntilAsync(() => Replicas().Count == 0, TimeSpan.FromSeconds(20), "the replicas to die with their provider");
    }

    /// <summary>Processes whose environment carries the replica marker of our function.</summary>
    private static List<int> Replicas()
    {
        var needle = Encoding.UTF8.GetBytes("HARNESS_REPLICA=reapme-");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var env = File.ReadAllBytes(Path.Combine(dir, "environ"));
                var state = File.ReadAllText(Path.Combine(dir, "stat"));
                // Zombies are dead already: only a running replica counts.
                if (env.AsSpan().IndexOf(needle) >= 0 && !state[(state.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private static List<string> CgroupsOf(string replicaPrefix) =>
        [.. new[] { "memory", "cpu", "pids" }
            .Select(c => Path.Combine("/sys/fs/cgroup", c))
            .SelectMany(c => Directory.EnumerateDirectories(c, "harness-*"))
            .SelectMany(g => Directory.EnumerateDirectories(g, replicaPrefix + "*"))];

    private async Task<(Process Process, string Url)> StartPlatformAsync(string state, string watchdog)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "harness.dll"));
        foreach (var a in new[] { "platform", "up", "--port", port.ToString(CultureInfo.InvariantCulture), "--state", state })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["HOME"] = _dir;
        start.Environment[WatchdogLocator.EnvironmentVariable] = watchdog;
        var process = Process.Start(start)!;
        _started.Add(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, "platform up exited early");
            try
            {
                using var r = await http.GetAsync(url + "/healthz");
                return r.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "platform up to answer /healthz");
        return (process, url);
    }

    private static HttpClient Admin(string url, string state)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var user = File.ReadAllText(Path.Combine(state, "basic-auth-user")).Trim();
        var password = File.ReadAllText(Path.Combine(state, "basic-auth-password")).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    public void Dispose()
    {
        foreach (var p in _started)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }

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
