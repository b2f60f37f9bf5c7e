using Harness.Platform.Local;
using Harness.Testing;

namespace Harness.Platform.Tests.Local;

/// <summary>The provider's head start on the RCU grace period of a replica's cgroup joins: harmless no-op moves, bounded.</summary>
public sealed class CgroupAttachWarmupTests
{
    [Fact]
    public void Under_a_root_that_is_no_cgroup_mount_it_moves_nothing_and_creates_no_file()
    {
        using var root = new TempDirectory();
        var own = File.ReadLines("/proc/thread-self/cgroup").Select(l => l.Split(':', 3)).First(p => p.Length == 3 && p[1].Split(',').Contains("pids"))[2];
        var folder = Directory.CreateDirectory(Path.Combine(root.Path, "pids", own.TrimStart('/'))).FullName;
        var joined = Path.Combine(root.Path, "joined");
        File.WriteAllText(joined, "");

        Assert.Equal(0, CgroupAttachWarmup.KeepPassed(root.Path, joined));
        Assert.False(File.Exists(Path.Combine(folder, "tasks")));
    }

    [RootFact]
    public void It_moves_its_thread_into_the_group_it_is_in_until_the_replica_joined_and_changes_no_membership()
    {
        using var scratch = new TempDirectory();
        var before = File.ReadAllText("/proc/thread-self/cgroup");
        var joined = Path.Combine(scratch.Path, "cgroup.procs");

        File.WriteAllText(joined, "4242\n");
        Assert.Equal(1, CgroupAttachWarmup.KeepPassed("/sys/fs/cgroup", joined));

        // Never joined: it keeps going until its bound, then stops on its own.
        File.WriteAllText(joined, "");
        Assert.True(CgroupAttachWarmup.KeepPassed("/sys/fs/cgroup", joined) > 1);

        Assert.Equal(before, File.ReadAllText("/proc/thread-self/cgroup"));
    }
}
