namespace Harness.Platform.Tests.Local;

/// <summary>A fact that needs root (cgroups, mount namespaces); skipped with the reason when not root.</summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (cgroup v1 limits and private mount namespaces); run the tests as root to cover it";
        }
        else if (!File.Exists("/sys/fs/cgroup/memory/cgroup.procs"))
        {
            Skip = "needs the cgroup v1 memory controller at /sys/fs/cgroup/memory";
        }
    }
}
