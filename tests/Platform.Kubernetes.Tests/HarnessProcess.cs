using System.Diagnostics;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>Runs the built <c>harness</c> CLI (copied next to the tests) as a child process.</summary>
internal static class HarnessProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "harness.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["HOME"] = workingDirectory;
        return start;
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
