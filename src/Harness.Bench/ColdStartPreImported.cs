using System.Diagnostics;
using System.Globalization;

namespace Harness.Bench;

/// <summary>
/// What a pre-forked pool's interpreter would still pay per specialisation: an interpreter that already imported the
/// template's runtime (<c>harness_runtime</c>, <c>socket</c>, <c>socketserver</c>) is told to go, then imports the
/// handler, binds and answers; timed from the go to the first 200. No watchdog, no sandbox and no privilege drop: a
/// floor for the server's part of a pooled cold start, not a pool (there is none yet).
/// </summary>
internal static class ColdStartPreImported
{
    private const string Script = """
        import os, sys
        sys.path.insert(0, os.getcwd())
        import harness_runtime, socket, socketserver
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        sys.stdin.readline()
        harness_runtime.run_server("http")
        """;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path.</summary>
    public static string WriteScript(string folder)
    {
        var path = Path.Combine(folder, "pre_imported.py");
        File.WriteAllText(path, Script);
        return path;
    }

    /// <summary>Starts the interpreter in the artifact's folder, waits until it has imported the runtime, then times go → first 200.</summary>
    public static async Task<double> GoToFirstOkAsync(string python, string script, string artifactDirectory, HttpClient http, CancellationToken cancellationToken)
    {
        var port = FreePort.Pick();
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { script },
            WorkingDirectory = artifactDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["upstream_port"] = port.ToString(CultureInfo.InvariantCulture);
        using var process = ChildProcess.Start(start) ?? throw new InvalidOperationException("could not start " + python);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            using var importing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            importing.CancelAfter(TimeSpan.FromSeconds(10));
            if (await process.StandardOutput.ReadLineAsync(importing.Token).ConfigureAwait(false) != "ready")
            {
                throw new InvalidOperationException($"{script}: did not import the runtime: {(await errors.ConfigureAwait(false)).Trim()}");
            }

            var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            var clock = Stopwatch.StartNew();
            await process.StandardInput.WriteLineAsync("go".AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (await BareStart.FirstOkAsync(process, url, http, clock, cancellationToken).ConfigureAwait(false) is { } ms)
            {
                return ms;
            }

            throw new InvalidOperationException($"{script} on {url}: {(process.HasExited ? "exited with " + process.ExitCode.ToString(CultureInfo.InvariantCulture) : "did not answer 200 within 10 s")}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
