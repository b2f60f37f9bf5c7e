using System.Diagnostics;

namespace Harness.Platform.Templates;

/// <summary>
/// Runs a build-time tool (the <c>python3</c> probe, <c>pip install</c>, <c>compileall</c>) to completion with its
/// output captured: the one place the templates start a process, so each tool is bounded by a timeout, has no
/// standard input to wait on, and is killed with its children when it overruns.
/// </summary>
internal static class BuildTool
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/>; null when the process could not be had.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The tool is not installed or cannot be executed.</exception>
    public static BuildToolResult? Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

#pragma warning disable RS0030 // the one owner of build-time tool processes in the templates
        using var process = Process.Start(info);
#pragma warning restore RS0030
        if (process is null)
        {
            return null;
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var finished = process.WaitForExit(timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Task.WaitAll(stdout, stderr);
        return new BuildToolResult(finished ? process.ExitCode : -1, stdout.Result, stderr.Result, TimedOut: !finished);
    }
}
