using System.Globalization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Local;

/// <summary>
/// A hostile tenant's probe: a fork-mode function whose handler is <c>sh</c> (the request body is the script) tries each
/// escape that worked before the sandbox, from inside the most restricted function (read-only root, one secret,
/// memory and cpu limits), next to a victim function with a secret of its own. Every attempt must be refused.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxEscapeTests
{
    private const string Ns = PlatformDefaults.FunctionNamespace;
    private const string VictimSecret = "victim-secret-value-7f3a";
    private const string PlatformPassword = "platform-password-91c2";
    private static readonly CancellationToken None = CancellationToken.None;

    [RootFact]
    public async Task A_probe_function_is_refused_every_escape_and_runs_unprivileged_in_namespaces_of_its_own()
    {
        await using var f = new ProviderFixture();
        // Stands for the gateway's credentials in the platform's state folder.
        var passwordFile = Path.Combine(f.StateDirectory, "basic-auth-password");
        await File.WriteAllTextAsync(passwordFile, PlatformPassword);
        Assert.True((await f.Provider.CreateSecretAsync(new SecretSpec { Name = "victim-key", Value = VictimSecret }, None)).IsOk);
        Assert.True((await f.Provider.CreateSecretAsync(new SecretSpec { Name = "probe-key", Value = "probe-own" }, None)).IsOk);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "victim", Image = "x", EnvProcess = "cat", Secrets = ["victim-key"] }, None)).IsOk);
        var deployed = await f.Provider.DeployAsync(new FunctionDeployment
        {
            Service = "probe",
            Image = "x",
            EnvProcess = "sh",
            Secrets = ["probe-key"],
            ReadOnlyRootFilesystem = true,
            Limits = new FunctionResources { Memory = "128m", Cpu = "200m" },
        }, None);
        Assert.True(deployed.IsOk, deployed.Message);
        var victim = (await f.WaitReadyAsync("victim", 1))[0];
        var probe = (await f.WaitReadyAsync("probe", 1))[0];
        var victimPid = ProcessLookup.ListeningOn(victim.Address.Port);
        var hostTmp = "/tmp/harness-escape-" + Guid.NewGuid().ToString("N");
        var me = Environment.ProcessId;
        var state = f.StateDirectory;

        var script = string.Join('\n',
            $"try() {{ name=$1; shift; if out=$(\"$@\" 2>&1); then echo \"$name=ESCAPED:$out\"; else echo \"$name=refused\"; fi; }}",
            $"try gateway-password-proc cat /proc/{me}/root{passwordFile}",
            $"try gateway-password-path cat {passwordFile}",
            $"try victim-secret-proc cat /proc/{victimPid}/root/var/openfaas/secrets/victim-key",
            $"try victim-secret-state cat {state}/secrets/{Ns}/victim-key",
            $"try victim-secret-run cat {state}/run/{Ns}/victim/secrets/victim-key",
            "try remount-root mount -o remount,rw /",
            "try write-root touch /escaped",
            "try join-root-cgroup sh -c 'echo $$ > /sys/fs/cgroup/memory/cgroup.procs'",
            "try write-cgroup-limit sh -c 'echo -1 > /sys/fs/cgroup/memory/memory.limit_in_bytes'",
            $"try kill-victim kill -9 {victimPid}",
            $"try see-provider test -e /proc/{me}/status",
            "try user-namespace unshare -U true",
            "try mount-namespace unshare -m true",
            $"try host-tmp sh -c 'touch {hostTmp} && test -e /tmp/.. && ls {hostTmp}'",
            "echo own-secret=$(cat /var/openfaas/secrets/probe-key)",
            "echo uid=$(id -u) gid=$(id -g) groups=$(id -G)",
            "echo hostname=$(hostname)",
            "echo processes=$(ls /proc | grep -c '^[0-9]')",
            "echo pwd=$(pwd)",
            "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status | tr -d '\\t' | tr ':' '='",
            "echo sys=$(ls /sys 2>&1 | head -c 60)",
            "exit 0");
        var (status, body) = await ProviderFixture.CallAsync(probe, body: script);
        Assert.Equal(200, status);
        var results = body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First()[1]);

        foreach (var escape in new[]
        {
            "gateway-password-proc", "gateway-password-path", "victim-secret-proc", "victim-secret-state", "victim-secret-run",
            "remount-root", "write-root", "join-root-cgroup", "write-cgroup-limit", "kill-victim", "see-provider",
            "user-namespace", "mount-namespace",
        })
        {
            Assert.True(results.TryGetValue(escape, out var r) && r == "refused", $"{escape}: {(results.TryGetValue(escape, out var x) ? x : "no result")}\n{body}");
        }

        Assert.DoesNotContain(PlatformPassword, body, StringComparison.Ordinal);
        Assert.DoesNotContain(VictimSecret, body, StringComparison.Ordinal);
        // Its /tmp is its own: the write works there and never reaches the host's.
        Assert.StartsWith("ESCAPED", results["host-tmp"], StringComparison.Ordinal);
        Assert.False(File.Exists(hostTmp));
        Assert.False(File.Exists("/escaped"));

        Assert.Equal("probe-own", results["own-secret"]);
        var uid = int.Parse(results["uid"].Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(uid, 12000, 21999);
        Assert.Equal($"{uid} gid={uid} groups={uid}", results["uid"]);
        Assert.Equal(probe.InstanceId, results["hostname"]);
        Assert.Equal("/home/app/function", results["pwd"]);
        // The watchdog (PID 1), the function's sh, and the few commands of this line.
        Assert.InRange(int.Parse(results["processes"], CultureInfo.InvariantCulture), 2, 8);
        foreach (var set in new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" })
        {
            Assert.Equal("0000000000000000", results[set]);
        }

        Assert.Equal("1", results["NoNewPrivs"]);
        Assert.Equal("2", results["Seccomp"]);
        Assert.Contains("No such file or directory", results["sys"], StringComparison.Ordinal);

        // The victim survived the kill, and runs as a uid of its own.
        Assert.Equal((200, "alive"), await ProviderFixture.CallAsync(victim, body: "alive"));
        Assert.True(victimPid > 0);
        Assert.NotEqual(uid, Uid(victimPid));
        Assert.InRange(Uid(victimPid), 12000, 21999);
    }

    [RootFact]
    public async Task A_fork_bomb_under_timeout_with_a_cpu_quota_leaves_no_task_after_scale_to_zero()
    {
        await using var f = new ProviderFixture(configure: o => o with { PidsMax = 128 });
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment
        {
            Service = "bomb",
            Image = "x",
            EnvProcess = "sh",
            Limits = new FunctionResources { Cpu = "100m" },
        }, None)).IsOk);
        var e = (await f.WaitReadyAsync("bomb", 1))[0];

        // Each task leaves a detached sleeper behind, outside the watchdog's process group, until pids.max stops it.
        var (status, _) = await ProviderFixture.CallAsync(e, body: "timeout 2 sh -c 'while :; do setsid sleep 300 & done' >/dev/null 2>&1\necho returned\nexit 0");
        Assert.Equal(200, status);
        var left = ProcessSweep_Count(e.InstanceId);
        Assert.True(left > 20, $"only {left} tasks were left by the bomb: the test would prove nothing");

        Assert.True((await f.Provider.ScaleAsync("bomb", Ns, 0, None)).IsOk);
        await Poll.UntilAsync(async () => (await f.Provider.GetAsync("bomb", Ns, None))?.AvailableReplicas == 0, ProviderFixture.Deadline, "scale to 0");
        await Poll.UntilAsync(() => ProcessSweep_Count(e.InstanceId) == 0, ProviderFixture.Deadline, "every task of the bomb to be gone");
        await Poll.UntilAsync(
            () => !Directory.EnumerateDirectories("/sys/fs/cgroup/pids").SelectMany(g => Directory.EnumerateDirectories(g)).Any(d => d.EndsWith("/" + e.InstanceId, StringComparison.Ordinal)),
            ProviderFixture.Deadline,
            "the replica's cgroups to be removed");
    }

    [RootFact]
    public async Task Orphans_left_by_a_function_are_reaped_by_its_pid_1()
    {
        await using var f = new ProviderFixture();
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "orphans", Image = "x", EnvProcess = "sh" }, None)).IsOk);
        var e = (await f.WaitReadyAsync("orphans", 1))[0];

        // The subshell exits at once; its sleepers are re-parented to the watchdog, PID 1, and exit soon after.
        var (status, _) = await ProviderFixture.CallAsync(e, body: "(for i in 1 2 3 4 5; do sleep 0.1 & done)\nexit 0");
        Assert.Equal(200, status);
        var watchdog = ProcessLookup.ListeningOn(e.Address.Port);
        Assert.True(watchdog > 0);
        await Poll.UntilAsync(() => ChildrenOf(watchdog).Count == 0, ProviderFixture.Deadline, "the orphans to exit and be reaped (not left as zombies)");
        // The watchdog's own children keep their exit status: a later call still reports the function's exit.
        Assert.Equal(200, (await ProviderFixture.CallAsync(e, body: "exit 0")).Status);
        Assert.Equal(500, (await ProviderFixture.CallAsync(e, body: "exit 3")).Status);
    }

    [RootFact]
    public async Task Each_function_keeps_its_own_uid_across_a_provider_restart()
    {
        var state = Directory.CreateTempSubdirectory("harness-uid-").FullName;
        try
        {
            int first, second;
            await using (var f = new ProviderFixture(state))
            {
                Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "one", Image = "x", EnvProcess = "sh" }, None)).IsOk);
                Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "two", Image = "x", EnvProcess = "sh" }, None)).IsOk);
                first = await UidAsync((await f.WaitReadyAsync("one", 1))[0]);
                second = await UidAsync((await f.WaitReadyAsync("two", 1))[0]);
                Assert.NotEqual(first, second);
                Assert.True((await f.Provider.DeleteAsync("one", Ns, None)).IsOk);
            }

            await using (var f = new ProviderFixture(state))
            {
                await f.Provider.StartAsync(None);
                Assert.Equal(second, await UidAsync((await f.WaitReadyAsync("two", 1))[0]));
                // "one"'s uid is free again, and never the one "two" holds.
                Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "three", Image = "x", EnvProcess = "sh" }, None)).IsOk);
                Assert.Equal(first, await UidAsync((await f.WaitReadyAsync("three", 1))[0]));
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [RootFact]
    public async Task A_function_deployed_again_while_its_old_replica_stops_keeps_its_folder_and_a_uid_of_its_own()
    {
        await using var f = new ProviderFixture();
        var churn = new FunctionDeployment { Service = "churn", Image = "x", EnvProcess = "sh" };
        Assert.True((await f.Provider.DeployAsync(churn, None)).IsOk);
        f.Remember(await f.WaitReadyAsync("churn", 1));

        // The delete answers once the name is taken out; its replica is still stopping when the same name comes back,
        // as under deployment churn or `faas-cli remove` then `faas-cli deploy`.
        var deleting = f.Provider.DeleteAsync("churn", Ns, None);
        Assert.False(deleting.IsCompleted);
        var redeploy = f.Provider.DeployAsync(churn, None);
        Assert.True((await deleting).IsOk);
        Assert.True((await redeploy).IsOk);

        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "other", Image = "x", EnvProcess = "sh" }, None)).IsOk);
        var again = (await f.WaitReadyAsync("churn", 1))[0];
        var other = (await f.WaitReadyAsync("other", 1))[0];
        Assert.Equal((200, "ok\n"), await ProviderFixture.CallAsync(again, body: "echo ok"));
        Assert.NotEqual(await UidAsync(again), await UidAsync(other));
    }

    [RootFact]
    public async Task The_provider_reports_its_sandbox_and_without_it_refuses_functions_unless_told_otherwise()
    {
        await using (var f = new ProviderFixture())
        {
            var s = f.Provider.Info.Sandbox!;
            Assert.True(s.Enforced);
            Assert.True(s.NonRoot);
            Assert.Equal("none", s.Capabilities);
            Assert.True(s.NoNewPrivs && s.Seccomp);
            Assert.Equal(["pid", "mount", "ipc", "uts"], s.Namespaces);
            Assert.Equal("12000-21999", s.UidRange);
            Assert.Contains(s.NotEnforced, n => n.Contains("loopback", StringComparison.Ordinal));
        }

        await using (var f = new ProviderFixture(configure: o => o with { UseSandbox = false }))
        {
            Assert.False(f.Provider.Info.Sandbox!.Enforced);
            Assert.False(f.Provider.Info.Sandbox.NonRoot);
            var refused = await f.Provider.DeployAsync(new FunctionDeployment { Service = "cat", Image = "x", EnvProcess = "cat" }, None);
            Assert.Equal(ProviderOutcome.Failed, refused.Outcome);
            Assert.Contains("--insecure-no-sandbox", refused.Message, StringComparison.Ordinal);
            Assert.Contains(f.Provider.Warnings, w => w.Contains("not started", StringComparison.Ordinal));
        }

        await using (var f = new ProviderFixture(configure: o => o with { UseSandbox = false, InsecureNoSandbox = true }))
        {
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "cat", Image = "x", EnvProcess = "cat" }, None)).IsOk);
            Assert.Contains(f.Provider.Warnings, w => w.Contains("WITHOUT the sandbox", StringComparison.Ordinal));
            Assert.Equal((200, "hi"), await ProviderFixture.CallAsync((await f.WaitReadyAsync("cat", 1))[0], body: "hi"));
        }
    }

    private static async Task<int> UidAsync(FunctionEndpoint e) =>
        int.Parse((await ProviderFixture.CallAsync(e, body: "id -u")).Body.Trim(), CultureInfo.InvariantCulture);

    private static int ProcessSweep_Count(string replicaId) => Harness.Platform.Local.ProcessSweep.FindByMarker(replicaId).Count;

    private static IReadOnlyList<int> ChildrenOf(int pid) =>
        [.. File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))];

    private static int Uid(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
}
