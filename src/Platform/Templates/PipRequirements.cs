namespace Harness.Platform.Templates;

/// <summary>
/// Installs a Python handler's <c>requirements.txt</c> at build time, as the official templates' Dockerfiles do, with
/// <c>pip install --target</c> into the artifact's own <c>python/</c> folder (the runtime puts it on <c>sys.path</c>), so
/// the dependencies travel with the artifact and nothing outside it is needed at run time. pip reads the machine's
/// configuration (pip.conf, <c>PIP_*</c> variables) as usual; options inside requirements.txt (<c>--no-index</c>,
/// <c>--find-links ./wheels</c>) work too.
/// </summary>
internal static class PipRequirements
{
    public const string FileName = "requirements.txt";

    /// <summary>The artifact folder the packages go to.</summary>
    public const string TargetFolder = "python";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>True when the file exists and names anything besides blank lines and comments.</summary>
    public static bool HasRequirements(string path) =>
        File.Exists(path) && File.ReadLines(path).Any(l => l.Trim() is { Length: > 0 } t && !t.StartsWith('#'));

    /// <exception cref="FunctionBuildException">No pip, or pip failed: the message names the file and carries pip's own words.</exception>
    public static void Install(string? python, string requirements, string target, IReadOnlyList<string> extraArguments)
    {
        if (python is null)
        {
            throw new FunctionBuildException($"{requirements}: cannot install the requirements: no Python 3 interpreter found (install python3 or set HARNESS_PYTHON)");
        }

        var (code, output) = Run(python, ["-m", "pip", "--version"]);
        if (code != 0)
        {
            throw new FunctionBuildException($"{requirements}: cannot install the requirements: pip is not available for {python} (install python3-pip): {Tail(output)}");
        }

        var arguments = new List<string>
        {
            "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--no-warn-script-location",
            "--target", target, "-r", requirements,
        };
        arguments.AddRange(extraArguments);
        (code, output) = Run(python, arguments);
        if (code != 0)
        {
            throw new FunctionBuildException($"{requirements}: pip install failed (exit {code}): {Tail(output)}");
        }
    }

    private static (int Code, string Output) Run(string python, IEnumerable<string> arguments)
    {
        try
        {
            var result = BuildTool.Run(python, arguments, Timeout) ?? throw new FunctionBuildException("cannot start " + python);
            if (result.TimedOut)
            {
                return (-1, $"pip did not finish within {Timeout.TotalMinutes:0} minutes");
            }

            return (result.ExitCode, result.StandardError.Trim().Length > 0 ? result.StandardError : result.StandardOutput);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }

    // pip's last lines say what went wrong (the earlier ones are progress).
    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(6));
    }
}
