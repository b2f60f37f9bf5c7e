namespace Harness.Platform.Watchdog.Tests.Support;

/// <summary>
/// A function folder laid out as OpenFaaS's classic python3 template: index.py (upstream's, verbatim: read all of
/// stdin, <c>from function import handler</c>, print the return value) and function/handler.py.
/// </summary>
internal static class PythonFunction
{
    private const string UpstreamIndex = """
        import sys
        from function import handler

        def get_stdin():
            buf = ""
            while(True):
                line = sys.stdin.readline()
                buf += line
                if line == "":
                    break
            return buf

        if __name__ == "__main__":
            st = get_stdin()
            ret = handler.handle(st)
            if ret != None:
                print(ret)
        """;

    /// <summary>Writes index.py and function/handler.py with <paramref name="handler"/> into <paramref name="dir"/>.</summary>
    public static void Write(TempDirectory dir, string handler)
    {
        File.WriteAllText(Path.Combine(dir.Path, "index.py"), UpstreamIndex + "\n");
        var function = Path.Combine(dir.Path, "function");
        Directory.CreateDirectory(function);
        File.WriteAllText(Path.Combine(function, "__init__.py"), "");
        File.WriteAllText(Path.Combine(function, "handler.py"), handler + "\n");
    }

    /// <summary>The watchdog settings of the classic template: fork mode, <c>python3 index.py</c> in the function folder.</summary>
    public static Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string> { ["fprocess"] = "/usr/bin/python3 index.py", ["mode"] = "serializing" };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }
}
