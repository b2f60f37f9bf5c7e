using System.Diagnostics;

namespace Harness.Platform.Templates;

/// <summary>
/// The real Python interpreter for function templates, resolved once: <c>HARNESS_PYTHON</c>, then /usr/bin/python3,
/// then whatever <c>python3</c> on PATH reports as <c>sys.executable</c> (so a pyenv shim, +100 ms per start, is skipped).
/// </summary>
public static class PythonInterpreter
{
    private static readonly Lazy<string?> Resolved = new(Resolve);

    /// <summary>The interpreter's absolute path, or null when no Python 3 is installed.</summary>
    public static string? Path => Resolved.Value;

    private static string? Resolve()
    {
        var explicitPath = Environment.GetEnvironmentVariable("HARNESS_PYTHON");
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
            var info = new ProcessStartInfo("python3", ["-c", "import sys; print(sys.executable)"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(10_000) && process.ExitCode == 0 && File.Exists(output) ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
