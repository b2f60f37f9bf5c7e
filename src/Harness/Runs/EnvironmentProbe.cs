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
            GitCommit = Environment.GetEnvironmentVariable("HARNESS_GIT_COMMIT"),
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
