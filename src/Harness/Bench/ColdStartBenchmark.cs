using System.Diagnostics;
using Harness.Platform;
using Harness.Platform.Client;
using Harness.Platform.Templates;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Bench;

/// <summary>
/// Scale-from-zero to first byte of a python3-http function through the embedded platform, next to the bare
/// interpreter's start-to-ready time (the same stdlib HTTP server without watchdog or gateway), alternating in one run.
/// </summary>
internal sealed class ColdStartBenchmark(int repetitions, Action<string> progress)
{
    private const string Function = "bench-cold";

    /// <summary>Returns (platform cold-start TTFB samples, bare interpreter start-to-ready samples), in milliseconds.</summary>
    public async Task<(IReadOnlyList<double> Platform, IReadOnlyList<double> Interpreter)> RunAsync(CancellationToken cancellationToken)
    {
        var python = PythonInterpreter.Path ?? throw new InvalidOperationException("python3 is needed (/usr/bin/python3)");
        var scratch = Directory.CreateTempSubdirectory("harness-bench-cold-").FullName;
        try
        {
            var stackPath = WriteStack(scratch);
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = 0,
                StateDirectory = Path.Combine(scratch, "state"),
            }, cancellationToken).ConfigureAwait(false);
            using var client = OpenFaasClient.Create(platform.Url, GatewayCredentials.Basic(platform.Credentials.User, platform.Credentials.Password));
            progress("deploying a python3-http function");
            await StackInstaller.DeployAsync(client, stackPath, Path.Combine(scratch, "build"), cancellationToken).ConfigureAwait(false);

            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(60) };
            var cold = new List<double>();
            var bare = new List<double>();
            for (var i = 1; i <= repetitions; i++)
            {
                await ScaleToZeroAsync(client, cancellationToken).ConfigureAwait(false);
                var (ttfb, hold) = await FirstByteAsync(http, client.FunctionUrl(Function), cancellationToken).ConfigureAwait(false);
                cold.Add(ttfb);
                bare.Add(await InterpreterStartAsync(python, http, cancellationToken).ConfigureAwait(false));
                progress($"round {i}/{repetitions}: scale-from-zero TTFB {cold[^1]:0.0} ms (held {hold} ms for a ready replica), bare interpreter start-to-ready {bare[^1]:0.0} ms");
            }

            return (cold, bare);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string WriteStack(string scratch)
    {
        var handler = Directory.CreateDirectory(Path.Combine(scratch, "fn")).FullName;
        File.WriteAllText(Path.Combine(handler, "handler.py"), "def handle(event, context):\n    return {\"statusCode\": 200, \"body\": \"ok\"}\n");
        var stack = Path.Combine(scratch, "stack.yml");
        File.WriteAllText(stack, $"version: 1.0\nprovider:\n  name: openfaas\nfunctions:\n  {Function}:\n    lang: python3-http\n    handler: ./fn\n    image: harness/{Function}:latest\n");
        return stack;
    }

    private static async Task ScaleToZeroAsync(OpenFaasClient client, CancellationToken cancellationToken)
    {
        await client.ScaleAsync(Function, 0, null, cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        while (await client.GetFunctionAsync(Function, null, cancellationToken).ConfigureAwait(false) is { } s && (s.Replicas > 0 || s.AvailableReplicas > 0))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{Function} still had replicas 30 s after scaling to zero");
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Time to the response head, and the gateway's own account of how long it held the call (X-Harness-Hold-Ms).</summary>
    private static async Task<(double Ttfb, string Hold)> FirstByteAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var ttfb = clock.Elapsed.TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        var hold = response.Headers.TryGetValues("X-Harness-Hold-Ms", out var values) ? values.First() : "?";
        return (ttfb, hold);
    }

    /// <summary>Spawn the interpreter with a minimal stdlib HTTP server and time until it first answers 200.</summary>
    private static async Task<double> InterpreterStartAsync(string python, HttpClient http, CancellationToken cancellationToken)
    {
        var port = FreePort.Pick();
        var script = "import http.server as h\n"
            + "class H(h.BaseHTTPRequestHandler):\n"
            + "    def do_GET(self):\n"
            + "        self.send_response(200); self.send_header('Content-Length', '2'); self.end_headers(); self.wfile.write(b'ok')\n"
            + "    def log_message(self, *a): pass\n"
            + $"h.HTTPServer(('127.0.0.1', {port}), H).serve_forever()\n";
        var start = new ProcessStartInfo(python) { ArgumentList = { "-c", script }, RedirectStandardError = true, UseShellExecute = false };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + python);
        try
        {
            var url = new Uri($"http://127.0.0.1:{port}/");
            while (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                try
                {
                    using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode) return clock.Elapsed.TotalMilliseconds;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet: poll again at once, the start-up is what is being timed.
                }

                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }

            throw new TimeoutException($"{python} did not answer on port {port} within 10 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
