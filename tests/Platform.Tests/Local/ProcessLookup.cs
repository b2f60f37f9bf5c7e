using System.Globalization;

namespace Harness.Platform.Tests.Local;

/// <summary>Finds processes the way an operator would, from /proc.</summary>
internal static class ProcessLookup
{
    /// <summary>The PID of the process listening on a loopback TCP port (its socket inode, then the owner), or 0.</summary>
    public static int ListeningOn(int port)
    {
        var hex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var inode = File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(p => p[1].EndsWith(hex, StringComparison.Ordinal) && p[3] == "0A")?[9];
        if (inode is null)
        {
            return 0;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget == $"socket:[{inode}]")
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return 0;
    }
}
