namespace Harness.Watchdog.Execution;

/// <summary>
/// Finds util-linux <c>setsid</c>. Children are started through it so each one leads its own session and process
/// group (pgid = pid, because a freshly forked child is never a group leader and setsid execs in place):
/// a timeout can then kill the whole tree with one <c>kill(-pgid)</c>.
/// </summary>
internal static class SetsidLocator
{
    private static readonly Lazy<string?> Path = new(Find);

    public static string? SetsidPath => Path.Value;

    private static string? Find()
    {
        foreach (var candidate in new[] { "/usr/bin/setsid", "/bin/setsid" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var pathVar = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in pathVar.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, "setsid");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
