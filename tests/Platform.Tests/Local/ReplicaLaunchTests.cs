using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

public sealed class ReplicaLaunchTests
{
    private static ReplicaLaunch Launch(bool cgroups, bool mounts, bool readOnly) => new()
    {
        ReplicaId = "f-abcde",
        WatchdogPath = "/opt/it's/watchdog",
        WorkingDirectory = "/tmp/state/artifacts/x",
        Environment = new Dictionary<string, string> { ["fprocess"] = "cat" },
        CgroupPaths = cgroups ? ["/sys/fs/cgroup/memory/h/f-abcde", "/sys/fs/cgroup/pids/h/f-abcde"] : [],
        MountNamespace = mounts,
        SecretsSource = mounts ? "/state/run/f/secrets" : null,
        ReadOnlyRoot = readOnly,
        TmpStagingDirectory = readOnly ? "/tmp/state/run/f/replicas/f-abcde/tmp" : null,
    };

    [Fact]
    public void Without_isolation_the_watchdog_is_started_directly_in_its_own_session()
    {
        var info = Launch(false, false, false).ToStartInfo();

        Assert.Equal(ReplicaLaunch.SetsidPath, info.FileName);
        Assert.Equal(["/opt/it's/watchdog"], info.ArgumentList);
        Assert.Equal("cat", info.Environment["fprocess"]);
        Assert.False(info.Environment.ContainsKey("HOME"));
    }

    [Fact]
    public void The_wrapper_joins_the_cgroups_and_mounts_before_it_execs_the_watchdog()
    {
        var launch = Launch(true, true, true);
        var info = launch.ToStartInfo();
        var script = launch.WrapperScript();

        Assert.Equal(["/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script], info.ArgumentList);
        var lines = script.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("echo $$ > '/sys/fs/cgroup/memory/h/f-abcde/cgroup.procs'", lines[1]);
        Assert.Contains("mount --bind '/state/run/f/secrets' '/var/openfaas/secrets'", lines);
        Assert.Contains("mount -o remount,bind,ro /", lines);
        Assert.Contains("mount --bind '/tmp/state/artifacts/x' '/tmp/state/run/f/replicas/f-abcde/tmp/state/artifacts/x'", lines);
        Assert.Contains("mount --move '/tmp/state/run/f/replicas/f-abcde/tmp' /tmp", lines);
        Assert.True(Array.IndexOf(lines, "mount --move '/tmp/state/run/f/replicas/f-abcde/tmp' /tmp") < Array.IndexOf(lines, "mount -o remount,bind,ro /"));
        Assert.Equal("exec '/opt/it'\\''s/watchdog'", lines[^1]);
        Assert.True(Array.IndexOf(lines, lines.First(l => l.StartsWith("echo", StringComparison.Ordinal))) < Array.IndexOf(lines, lines.First(l => l.StartsWith("mount", StringComparison.Ordinal))));
    }
}
