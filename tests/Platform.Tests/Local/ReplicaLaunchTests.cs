using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

public sealed class ReplicaLaunchTests
{
    private static ReplicaLaunch Launch(bool cgroups, bool mounts, bool readOnly) => new()
    {
        ReplicaId = "f-abcde",
        WatchdogPath = "/opt/it's here/watchdog",
        WorkingDirectory = "/tmp/state/artifacts/x",
        Environment = new Dictionary<string, string> { ["fprocess"] = "cat" },
        CgroupPaths = cgroups ? ["/sys/fs/cgroup/memory/h/f-abcde", "/sys/fs/cgroup/pids/h/f-abcde"] : [],
        MountNamespace = mounts,
        SecretsSource = mounts ? "/state/run/f/secrets" : null,
        ReadOnlyRoot = readOnly,
        TmpStagingDirectory = readOnly ? "/tmp/state/run/f/replicas/f-abcde/tmp" : null,
    };

    private static string[] Steps(ReplicaLaunch launch) => launch.IsolationSteps().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_sandboxed_replica_builds_its_root_then_drops_every_privilege_right_before_exec()
    {
        var launch = Launch(true, false, readOnly: true) with
        {
            SecretsSource = "/state/run/f/secrets",
            TmpStagingDirectory = null,
            Sandbox = new SandboxLayout { Uid = 12001, Gid = 12001, RootDirectory = "/state/run/f/replicas/f-abcde/root", Hostname = "f-abcde", OpenFilesLimit = 4096 },
        };
        var steps = Steps(launch);

        Assert.Equal(["setsid", "join-cgroup\t/sys/fs/cgroup/memory/h/f-abcde/cgroup.procs", "join-cgroup\t/sys/fs/cgroup/pids/h/f-abcde/cgroup.procs", "sandbox", "make-private\t/"], steps[..5]);
        Assert.Contains("bind\t/tmp/state/artifacts/x\t/state/run/f/replicas/f-abcde/root/home/app/function", steps);
        Assert.Contains("bind\t/opt/it's here\t/state/run/f/replicas/f-abcde/root/run/harness", steps);
        Assert.Contains("bind\t/state/run/f/secrets\t/state/run/f/replicas/f-abcde/root/var/openfaas/secrets", steps);
        Assert.Contains("proc\t/state/run/f/replicas/f-abcde/root/proc", steps);
        Assert.Equal(["pivot-root\t/state/run/f/replicas/f-abcde/root", "remount-ro\t/", "hostname\tf-abcde", "rlimit-nofile\t4096", "chdir\t/home/app/function", "drop-privileges\t12001\t12001", "seccomp", "exec\t/run/harness/watchdog"], steps[^8..]);
        // Every bind but the device nodes is remounted read-only, and nothing of the host's root is bound whole.
        foreach (var bind in steps.Where(s => s.StartsWith("bind\t", StringComparison.Ordinal)))
        {
            Assert.Contains("remount-ro\t" + bind.Split('\t')[2], steps);
            Assert.NotEqual("/", bind.Split('\t')[1]);
        }

        Assert.DoesNotContain(steps, s => s.StartsWith("chown", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sandboxed_replica_starts_the_monitor_which_executes_the_watchdog_inside_and_an_unsandboxed_one_never_does()
    {
        var sandbox = new SandboxLayout { Uid = 12001, Gid = 12001, RootDirectory = "/state/r/root", Hostname = "f-abcde", OpenFilesLimit = 4096 };
        var sandboxed = Launch(false, false, false) with { Sandbox = sandbox, MonitorPath = "/opt/it's here/sandbox-monitor" };

        var info = sandboxed.ToStartInfo();

        Assert.Equal("/opt/it's here/sandbox-monitor", info.FileName);
        Assert.Equal("exec\t/run/harness/watchdog", Steps(sandboxed)[^1]);
        Assert.Equal("/opt/it's here/watchdog", (sandboxed with { MonitorPath = null }).ToStartInfo().FileName);
        Assert.Equal("/opt/it's here/watchdog", (Launch(false, false, false) with { MonitorPath = "/opt/it's here/sandbox-monitor" }).ToStartInfo().FileName);
    }

    [Fact]
    public void The_watchdog_is_started_directly_and_asked_only_for_its_own_session_without_isolation()
    {
        var info = Launch(false, false, false).ToStartInfo();

        Assert.Equal("/opt/it's here/watchdog", info.FileName);
        Assert.Empty(info.ArgumentList);
        Assert.Equal("cat", info.Environment["fprocess"]);
        Assert.Equal("setsid\n", info.Environment[ReplicaLaunch.IsolationVariable]);
        Assert.False(info.Environment.ContainsKey("HOME"));
    }

    [Fact]
    public void The_steps_join_the_cgroups_then_mount_in_a_private_namespace_in_the_old_wrappers_order()
    {
        var steps = Steps(Launch(true, true, true));

        Assert.Equal(
            [
                "setsid",
                "join-cgroup\t/sys/fs/cgroup/memory/h/f-abcde/cgroup.procs",
                "join-cgroup\t/sys/fs/cgroup/pids/h/f-abcde/cgroup.procs",
                "unshare-mount",
                "make-private\t/",
                "bind\t/state/run/f/secrets\t/var/openfaas/secrets",
                "remount-ro\t/var/openfaas/secrets",
                "tmpfs\t/tmp/state/run/f/replicas/f-abcde/tmp\tmode=1777,size=64m",
                "mkdir\t/tmp/state/run/f/replicas/f-abcde/tmp/state/artifacts/x",
                "bind\t/tmp/state/artifacts/x\t/tmp/state/run/f/replicas/f-abcde/tmp/state/artifacts/x",
                "remount-ro\t/tmp/state/run/f/replicas/f-abcde/tmp/state/artifacts/x",
                "move\t/tmp/state/run/f/replicas/f-abcde/tmp\t/tmp",
                "chdir\t/tmp/state/artifacts/x",
                "remount-ro\t/",
            ],
            steps);
    }

    [Fact]
    public void Secrets_alone_need_no_tmpfs_and_leave_the_root_writable()
    {
        var steps = Steps(Launch(false, true, false));

        Assert.Equal(["setsid", "unshare-mount", "make-private\t/", "bind\t/state/run/f/secrets\t/var/openfaas/secrets", "remount-ro\t/var/openfaas/secrets"], steps);
    }

    [Fact]
    public void A_path_with_a_tab_is_refused_rather_than_split()
    {
        var launch = Launch(false, true, false) with { SecretsSource = "/state/a\tb" };

        Assert.Throws<InvalidOperationException>(() => launch.IsolationSteps());
    }
}
