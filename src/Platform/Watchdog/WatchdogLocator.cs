using Harness.Platform.Hosting;

namespace Harness.Platform.Watchdog;

/// <summary>
/// Finds the watchdog executable: <c>HARNESS_WATCHDOG</c>, then <c>artifacts/watchdog/watchdog</c> (the NativeAOT build
/// of <c>./build.sh</c>) found by walking up from the app's folder, then a <c>watchdog</c> next to the running
/// executable, then the JIT build under <c>src/Platform.Watchdog/bin</c> as a last resort.
/// </summary>
public static class WatchdogLocator
{
    /// <summary>The environment variable that names the watchdog binary explicitly.</summary>
    public const string EnvironmentVariable = "HARNESS_WATCHDOG";

    /// <summary>Returns the watchdog's full path, or throws <see cref="FileNotFoundException"/> listing where it looked.</summary>
    public static string Find() => Find(AppContext.BaseDirectory, ProcessEnvironment.Get(EnvironmentVariable));

    /// <summary>Like <see cref="Find()"/>, returning false instead of throwing.</summary>
    public static bool TryFind(out string path)
    {
        try
        {
            path = Find();
            return true;
        }
        catch (FileNotFoundException)
        {
            path = "";
            return false;
        }
    }

    /// <summary>The search with its inputs given, for tests.</summary>
    public static string Find(string baseDirectory, string? explicitPath)
    {
        var looked = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            if (IsExecutable(explicitPath))
            {
                return Path.GetFullPath(explicitPath);
            }

            // An explicit setting that is wrong is an error, not a reason to pick some other binary silently.
            throw new FileNotFoundException($"{EnvironmentVariable}={explicitPath} does not name an executable file", explicitPath);
        }

        var roots = Ancestors(baseDirectory).ToList();
        foreach (var dir in roots)
        {
            var candidate = Path.Combine(dir, "artifacts", "watchdog", "watchdog");
            looked.Add(candidate);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        var sibling = Path.Combine(baseDirectory, "watchdog");
        looked.Add(sibling);
        if (IsExecutable(sibling))
        {
            return sibling;
        }

        foreach (var dir in roots)
        {
            var bin = Path.Combine(dir, "src", "Platform.Watchdog", "bin");
            looked.Add(Path.Combine(bin, "**", "watchdog"));
            if (!Directory.Exists(bin))
            {
                continue;
            }

            // Newest build wins, so a stale Debug build does not shadow a fresh Release one.
            var newest = Directory.EnumerateFiles(bin, "watchdog", SearchOption.AllDirectories)
                .Where(IsExecutable)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new FileNotFoundException(
            "watchdog executable not found; run ./build.sh (or set " + EnvironmentVariable + "). Looked in: " + string.Join(", ", looked.Distinct()));
    }

    private static IEnumerable<string> Ancestors(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
