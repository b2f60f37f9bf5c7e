using System.Runtime.InteropServices;
using Harness.Results;

namespace Harness.Runs;

/// <summary>Reads the facts about this machine that go into every run summary (Linux /proc and /etc, best effort).</summary>
internal static class EnvironmentProbe
{
    public static EnvironmentInfo Collect()
    {
        return new EnvironmentInfo
        {
            Hostname = Environment.MachineName,
            Kernel = Read("/proc/sys/kernel/osrelease")?.Trim(),
            OperatingSystem = OsName() ?? RuntimeInformation.OSDescription,
            Cpus = Environment.ProcessorCount,
            CpuModel = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim(),
            MemoryBytes = MemoryBytes(),
            HarnessVersion = typeof(EnvironmentProbe).Assembly.GetName().Version?.ToString(),
            DotnetVersion = RuntimeInformation.FrameworkDescription,
            GitCommit = HostEnvironment.Variable("HARNESS_GIT_COMMIT") is { Length: > 0 } commit ? commit : GitHead(HostEnvironment.CurrentDirectory),
        };
    }

    private static string? OsName()
        => Read("/etc/os-release")?.Split('\n')
            .FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"');

    private static long MemoryBytes()
    {
        var line = Read("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kb, out var v) ? v * 1024 : 0;
    }

    /// <summary>
    /// The commit checked out in the working directory's repository, read from .git without running git. A linked worktree
    /// or a submodule has a <c>.git</c> file (<c>gitdir: PATH</c>): HEAD is read there, and refs from its common directory.
    /// </summary>
    internal static string? GitHead(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (File.Exists(git) && Read(git)?.Trim() is { } pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                git = Path.GetFullPath(Path.Combine(dir.FullName, pointer["gitdir:".Length..].Trim()));
            }

            var head = Read(Path.Combine(git, "HEAD"))?.Trim();
            if (head is null)
            {
                continue;
            }

            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return head;
            }

            var name = head["ref: ".Length..];
            var common = Read(Path.Combine(git, "commondir"))?.Trim() is { Length: > 0 } c ? Path.GetFullPath(Path.Combine(git, c)) : git;
            // A fresh clone keeps its refs packed; a repository that committed since has a loose ref file.
            return Read(Path.Combine(git, name))?.Trim()
                ?? Read(Path.Combine(common, name))?.Trim()
                ?? Read(Path.Combine(common, "packed-refs"))?.Split('\n')
                    .Select(l => l.Split(' ', 2))
                    .FirstOrDefault(p => p.Length == 2 && p[1].Trim() == name)?[0];
        }

        return null;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
