using System.Diagnostics;

namespace Harness.Tests.Runs;

/// <summary>
/// A real <c>harness run</c> process of two scenarios against a closed loopback port: the first ends in a second and is
/// checkpointed, the second runs for a minute, so a test can stop the process while it runs.
/// </summary>
internal static class TwoScenarioRun
{
    /// <summary>Writes the scenario files into <paramref name="dir"/> and starts the run, output in <paramref name="output"/>.</summary>
    public static Process Start(string dir, string output, params string[] extraArguments)
    {
        // Port 9 on loopback: nothing listens, so each request fails at once and no server is needed.
        File.WriteAllText(Path.Combine(dir, "first.yml"), "name: first\ntarget: {url: \"http://127.0.0.1:9/\"}\nload: {model: constant-arrival-rate, rate: 10, duration: 1s}\n");
        File.WriteAllText(Path.Combine(dir, "second.yml"), "name: second\ntarget: {url: \"http://127.0.0.1:9/\"}\nload: {model: constant-arrival-rate, rate: 10, duration: 60s}\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "harness.dll"), "run", "first.yml", "second.yml", "--out", output, "--no-report" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["HOME"] = dir;
        var run = Process.Start(start)!;
        _ = run.StandardOutput.ReadToEndAsync();
        _ = run.StandardError.ReadToEndAsync();
        return run;
    }
}
