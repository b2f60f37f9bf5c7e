using System.Globalization;
using System.Text;

namespace Harness.Platform.Local;

/// <summary>
/// Finds processes by a marker in their environment (<c>HARNESS_REPLICA=id</c>, inherited by everything a replica
/// forks; <see cref="TemporaryStateFolder.OwnerVariable"/> for what a temporary folder's owner started). Without cgroups
/// this is how children that left the replica's process group (the watchdog starts each function in its own session)
/// are still found and killed.
/// </summary>
internal static class ProcessSweep
{
    public const string MarkerVariable = "HARNESS_REPLICA";

    public static IReadOnlyList<int> FindByMarker(string replicaId) => Find(MarkerVariable, replicaId);

    /// <summary>Every process (but this one) whose environment holds <paramref name="variable"/>=<paramref name="value"/>.</summary>
    public static IReadOnlyList<int> Find(string variable, string value)
    {
        var needle = Encoding.UTF8.GetBytes($"{variable}={value}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var env = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (Contains(env, needle))
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

    public static int KillByMarker(string replicaId) => Kill(MarkerVariable, replicaId);

    /// <summary>SIGKILLs every process <see cref="Find"/> returns; the number killed.</summary>
    public static int Kill(string variable, string value)
    {
        var n = 0;
        foreach (var pid in Find(variable, value))
        {
            if (NativeSignals.Kill(pid, NativeSignals.SigKill))
            {
                n++;
            }
        }

        return n;
    }

    private static bool Contains(byte[] env, byte[] needle)
    {
        var span = env.AsSpan();
        var i = span.IndexOf(needle);
        // The marker must start a variable: at offset 0 or right after a NUL.
        while (i >= 0)
        {
            if (i == 0 || env[i - 1] == 0)
            {
                return true;
            }

            var next = span[(i + 1)..].IndexOf(needle);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }
}
