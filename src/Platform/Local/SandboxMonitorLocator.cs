namespace Harness.Platform.Local;

/// <summary>Finds the slim <c>sandbox-monitor</c> binary, published next to the watchdog (<c>artifacts/watchdog/</c>).</summary>
internal static class SandboxMonitorLocator
{
    public const string FileName = "sandbox-monitor";

    /// <summary>The monitor beside <paramref name="watchdogPath"/> when it is an executable file, else null.</summary>
    public static string? NextTo(string watchdogPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(watchdogPath));
        if (folder is null)
        {
            return null;
        }

        var candidate = Path.Combine(folder, FileName);
        return File.Exists(candidate) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0 ? candidate : null;
    }
}
