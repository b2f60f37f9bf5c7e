namespace Harness.Watchdog.Execution;

/// <summary>
/// An fprocess the fork server can stand in for: a Python interpreter, optional flags without values, and one script
/// (the python3 template's <c>python3 index.py</c>). Anything else (<c>-m</c>, <c>-c</c>, script arguments, a shell
/// pipeline) keeps one exec per request.
/// </summary>
internal sealed record PythonScriptCommand(string Interpreter, IReadOnlyList<string> Flags, string Script)
{
    /// <summary>The recognised command, or null.</summary>
    public static PythonScriptCommand? TryParse(IReadOnlyList<string> fprocess)
    {
        if (fprocess.Count < 2 || !IsInterpreterName(Path.GetFileName(fprocess[0])))
        {
            return null;
        }

        var flags = fprocess.Skip(1).Take(fprocess.Count - 2).ToList();
        var script = fprocess[^1];
        if (!flags.All(IsValueFreeFlag) || !script.EndsWith(".py", StringComparison.Ordinal) || script.StartsWith('-'))
        {
            return null;
        }

        return new PythonScriptCommand(fprocess[0], flags, script);
    }

    /// <summary>The fork server's command line: the same interpreter and flags, the server's code, then the script.</summary>
    public IReadOnlyList<string> ServerArgv(string serverSource) => [Interpreter, .. Flags, "-c", serverSource, Script];

    private static bool IsInterpreterName(string name)
    {
        if (name is "python" or "python3")
        {
            return true;
        }

        // python3.11 and the like.
        return name.StartsWith("python3.", StringComparison.Ordinal) && name.Length > 8 && name[8..].All(char.IsAsciiDigit);
    }

    // Flags that change nothing a forked child would do differently from a fresh interpreter started with them.
    private static bool IsValueFreeFlag(string flag) =>
        flag.Length > 1 && flag[0] == '-' && flag[1..].All(c => "uBOsESIq".Contains(c, StringComparison.Ordinal));
}
