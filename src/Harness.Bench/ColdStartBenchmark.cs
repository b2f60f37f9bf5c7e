using System.Diagnostics;
using System.Globalization;
using Harness.Platform.Templates;
using Harness.Platform.Watchdog;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Bench;

/// <summary>
/// Scale-from-zero to first byte of a python3-http function through the embedded platform (as deployed, and with the
/// sandbox variants that show its cost), next to honest baselines: the same template's server spawned bare, the
/// OpenFaaS-style pair (a watchdog plus stdlib <c>http.server</c>), a stdlib <c>http.server</c> alone and
/// <c>python3 -c pass</c>. Every round takes one sample of each, alternating, and every cold call is a new replica.
/// </summary>
internal sealed class ColdStartBenchmark(int repetitions, bool variants, Action<string> progress)
{
    private const string StdlibServerScript = """
        import http.server as h, os
        class H(h.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200); self.send_header('Content-Length', '2'); self.end_headers(); self.wfile.write(b'ok')
            def log_message(self, *a): pass
        h.HTTPServer(('127.0.0.1', int(os.environ['upstream_port'])), H).serve_forever()
        """;

    public async Task<ColdStartSamples> RunAsync(CancellationToken cancellationToken)
    {
        var python = PythonInterpreter.Path ?? throw new InvalidOperationException("python3 is needed (/usr/bin/python3)");
        var watchdog = WatchdogLocator.TryFind(out var found) ? found : throw new InvalidOperationException("the watchdog binary is needed (run ./build.sh or set HARNESS_WATCHDOG)");
        var scratch = Directory.CreateTempSubdirectory("harness-bench-cold-").FullName;
        var platforms = new List<(ColdStartVariant Variant, ColdStartPlatform Platform)>();
        try
        {
            var handler = Directory.CreateDirectory(Path.Combine(scratch, "fn")).FullName;
            File.WriteAllText(Path.Combine(handler, "handler.py"), "def handle(event, context):\n    return {\"statusCode\": 200, \"body\": \"ok\"}\n");
            var stack = Path.Combine(scratch, "stack.yml");
            File.WriteAllText(stack, $"version: 1.0\nprovider:\n  name: openfaas\nfunctions:\n  {ColdStartPlatform.Function}:\n    lang: python3-http\n    handler: ./fn\n    image: harness/{ColdStartPlatform.Function}:latest\n");
            var artifact = FunctionBuilder.Build(new FunctionBuildRequest
            {
                FunctionName = ColdStartPlatform.Function,
                Lang = TemplateCatalog.Python3Http,
                HandlerDirectory = handler,
                OutputDirectory = Path.Combine(scratch, "bare-template"),
            });
            var stdlibScript = Path.Combine(scratch, "stdlib_server.py");
            File.WriteAllText(stdlibScript, StdlibServerScript);
            var preImportedScript = ColdStartPreImported.WriteScript(scratch);

            ColdStartVariant[] wanted = variants
                ? [ColdStartVariant.Sandboxed, ColdStartVariant.NoStandby, ColdStartVariant.NoPrefork, ColdStartVariant.FullWatchdogMonitor, ColdStartVariant.Unsandboxed]
                : [ColdStartVariant.Sandboxed];
            foreach (var variant in wanted)
            {
                progress($"starting a platform ({variant.Label}) and deploying a python3-http function");
                platforms.Add((variant, await ColdStartPlatform.StartAsync(variant, scratch, stack, cancellationToken).ConfigureAwait(false)));
            }

            var monitors = new List<string?>();
            foreach (var (_, platform) in platforms)
            {
                monitors.Add(await platform.MonitorAsync(cancellationToken).ConfigureAwait(false));
            }

            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(60) };
            var cold = platforms.Select(_ => new List<double>()).ToList();
            var cpu = platforms.Select(_ => new List<double>()).ToList();
            var monitorCpu = platforms.Select(_ => new List<double>()).ToList();
            var template = new List<double>();
            var pair = new List<double>();
            var stdlib = new List<double>();
            var pass = new List<double>();
            var preImported = new List<double>();
            for (var i = 1; i <= repetitions; i++)
            {
                var line = new List<string>();
                for (var p = 0; p < platforms.Count; p++)
                {
                    var (ttfb, hold, used, monitor) = await platforms[p].Platform.ColdCallAsync(http, cancellationToken).ConfigureAwait(false);
                    cold[p].Add(ttfb);
                    cpu[p].Add(used);
                    monitorCpu[p].Add(monitor);
                    line.Add(string.Create(CultureInfo.InvariantCulture, $"{platforms[p].Variant.Label} {ttfb:0.0} ms (held {hold} ms, replica CPU {used:0.0} ms, monitor {monitor:0.0})"));
                }

                template.Add(await TemplateServerAsync(python, artifact, http, cancellationToken).ConfigureAwait(false));
                pair.Add(await WatchdogPairAsync(watchdog, python, stdlibScript, http, cancellationToken).ConfigureAwait(false));
                stdlib.Add(await StdlibServerAsync(python, stdlibScript, http, cancellationToken).ConfigureAwait(false));
                pass.Add(await BareStart.UntilExitAsync(new ProcessStartInfo(python) { ArgumentList = { "-c", "pass" } }, cancellationToken).ConfigureAwait(false));
                preImported.Add(await ColdStartPreImported.GoToFirstOkAsync(python, preImportedScript, artifact.Directory, http, cancellationToken).ConfigureAwait(false));
                progress(string.Create(CultureInfo.InvariantCulture,
                    $"round {i}/{repetitions}: scale-from-zero {string.Join(", ", line)}; template server bare {template[^1]:0.0} ms; watchdog + http.server {pair[^1]:0.0} ms; http.server {stdlib[^1]:0.0} ms; python3 -c pass {pass[^1]:0.0} ms; pre-imported interpreter go → 200 {preImported[^1]:0.0} ms"));
            }

            return new ColdStartSamples
            {
                Platforms = [.. platforms.Select((p, k) => (p.Variant, monitors[k], (IReadOnlyList<double>)cold[k], (IReadOnlyList<double>)cpu[k], (IReadOnlyList<double>)monitorCpu[k]))],
                TemplateServer = template,
                WatchdogPair = pair,
                StdlibServer = stdlib,
                PythonPass = pass,
                PreImported = preImported,
            };
        }
        finally
        {
            foreach (var (_, platform) in platforms)
            {
                await platform.DisposeAsync().ConfigureAwait(false);
            }

            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The template's own server process (the artifact's fprocess, as the watchdog would start it), spawned bare.</summary>
    private static Task<double> TemplateServerAsync(string python, FunctionArtifact artifact, HttpClient http, CancellationToken cancellationToken)
    {
        var port = FreePort.Pick();
        var command = artifact.Fprocess.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(command[0] is "python" or "python3" ? python : command[0]) { WorkingDirectory = artifact.Directory };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in artifact.Environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["upstream_port"] = port.ToString(CultureInfo.InvariantCulture);
        return BareStart.UntilOkAsync(start, new Uri($"http://127.0.0.1:{port}/"), http, cancellationToken);
    }

    /// <summary>The OpenFaaS-style pair: Harness's watchdog in http mode, without a sandbox, in front of a stdlib http.server.</summary>
    private static Task<double> WatchdogPairAsync(string watchdog, string python, string script, HttpClient http, CancellationToken cancellationToken)
    {
        var port = FreePort.Pick();
        var upstream = FreePort.Pick();
        var start = new ProcessStartInfo(watchdog) { WorkingDirectory = Path.GetDirectoryName(script)! };
        start.Environment["mode"] = "http";
        start.Environment["fprocess"] = $"{python} {script}";
        start.Environment["port"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["upstream_url"] = $"http://127.0.0.1:{upstream.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["upstream_port"] = upstream.ToString(CultureInfo.InvariantCulture);
        start.Environment["lock_path"] = Path.Combine(Path.GetDirectoryName(script)!, $".lock-{port.ToString(CultureInfo.InvariantCulture)}");
        return BareStart.UntilOkAsync(start, new Uri($"http://127.0.0.1:{port}/"), http, cancellationToken);
    }

    private static Task<double> StdlibServerAsync(string python, string script, HttpClient http, CancellationToken cancellationToken)
    {
        var port = FreePort.Pick();
        var start = new ProcessStartInfo(python) { ArgumentList = { script } };
        start.Environment["upstream_port"] = port.ToString(CultureInfo.InvariantCulture);
        return BareStart.UntilOkAsync(start, new Uri($"http://127.0.0.1:{port}/"), http, cancellationToken);
    }
}
