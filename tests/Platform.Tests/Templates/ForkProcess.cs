using System.Diagnostics;
using System.Text;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Templates;

/// <summary>Runs a built Python function's <c>index.py</c> once, as the watchdog does in fork mode: stdin in, stdout out.</summary>
internal static class ForkProcess
{
    public static (int Code, string Stdout, string Stderr) Run(string dir, string stdin, params (string Key, string Value)[] env)
    {
        var info = new ProcessStartInfo(PythonInterpreter.Path!, ["index.py"])
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(stdin));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(20_000), "index.py did not exit");
        return (process.ExitCode, output, stderr.Result);
    }
}
