using Harness.Platform.Hosting;

namespace Harness.Platform.Templates;

/// <summary>
/// The real Python interpreter for function templates, resolved once: <c>HARNESS_PYTHON</c>, then /usr/bin/python3,
/// then whatever <c>python3</c> on PATH reports as <c>sys.executable</c> (so a pyenv shim, +100 ms per start, is skipped).
/// </summary>
public static class PythonInterpreter
{
    private static readonly Lazy<string?> Resolved = new(Resolve);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The interpreter's absolute path, or null when no Python 3 is installed.</summary>
    public static string? Path => Resolved.Value;

    private static string? Resolve()
    {
        var explicitPath = ProcessEnvironment.Get("HARNESS_PYTHON");
        if (!string.IsNullOrWhiteSpace(explicitPath) && File.Exists(explicitPath))
        {
            return explicitPath;
        }

        foreach (var candidate in new[] { "/usr/bin/python3", "/usr/local/bin/python3" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        try
        {
            var result = BuildTool.Run("python3", ["-c", "import sys; print(sys.executable)"], ProbeTimeout);
            var output = result?.StandardOutput.Trim();
            return result is { ExitCode: 0, TimedOut: false } && File.Exists(output) ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
