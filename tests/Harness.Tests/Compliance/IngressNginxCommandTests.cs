using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Harness.Compliance;
using Harness.Compliance.Collectors;
using Harness.Core.Tests.Compliance;
using Harness.Platform.Watchdog;
using Harness.Targets;
using Harness.Tests.Cli;
using Microsoft.AspNetCore.Builder;
using Xunit.Abstractions;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Tests.Compliance;

/// <summary>
/// <c>harness ingress nginx</c> prints a configuration that nginx accepts and that passes every ingress rule; a real nginx
/// with it in front of a real gateway passes a 5 MB body, streams followed logs and keeps TIME_WAIT flat.
/// </summary>
public sealed class IngressNginxCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-ingress-nginx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Nginx => NginxSyntaxCheck.FindNginx() ?? throw new InvalidOperationException("nginx is not installed (./build.sh setup installs it)");

    [Fact]
    public async Task The_printed_tls_configuration_passes_nginx_t_and_every_ingress_rule()
    {
        _ = Nginx;
        SelfSignedCertificate.Write(Path.Combine(_dir, "fullchain.pem"), Path.Combine(_dir, "privkey.pem"));
        using var cli = new CliHarness();
        var result = await cli.RunAsync("ingress", "nginx", "--server-name", "faas.example.no",
            "--tls-cert", Path.Combine(_dir, "fullchain.pem"), "--tls-key", Path.Combine(_dir, "privkey.pem"));
        Assert.Equal(0, result.ExitCode);
        var conf = Path.Combine(_dir, "nginx.conf");
        File.WriteAllText(conf, cli.StdoutText);

        await using var gateway = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/system/info", () => Microsoft.AspNetCore.Http.Results.Text("""{"provider":{"provider":"harness-local"}}""", "application/json"));
            app.MapGet("/system/functions", () => Microsoft.AspNetCore.Http.Results.Text("""[{"name":"fn","image":"registry.example.no/fn:1","envVars":{"exec_timeout":"10s"}}]""", "application/json"));
        });
        using var http = new HttpClient();
        var outcome = await new ResidencyCheck(StackInputs.Read, http).RunAsync(new ResidencyCheckRequest
        {
            PolicyFile = RepoFile("scenarios/policies/norway.yml"),
            NginxConfig = conf,
            GatewayUrl = gateway.Address,
            ScenarioPayloads = new Dictionary<string, long> { ["upload"] = 5L << 20 },
        }, CancellationToken.None);

        var ingressRules = new[] { "config.ingress-syntax", "config.ingress-tls", "config.ingress-keepalive", "config.ingress-log-streaming", "config.body-size", "config.timeouts-aligned" };
        foreach (var rule in ingressRules)
        {
            var findings = outcome.Result.Findings.Where(f => f.RuleId == rule).ToList();
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.True(f.Passed, $"{rule}: {f.Title}"));
        }
    }

    [Fact]
    public async Task Bad_flags_are_exit_2()
    {
        using var cli = new CliHarness();
        Assert.Equal(2, (await cli.RunAsync("ingress", "nginx", "--tls-cert", "only-a-cert.pem")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("ingress", "nginx", "--tls-cert", "nope.pem", "--tls-key", "nope.key")).ExitCode);
    }

    [Fact]
    public async Task A_real_nginx_with_it_passes_a_5_MB_body_streams_logs_and_keeps_time_wait_flat()
    {
        _ = Nginx;
        if (!WatchdogLocator.TryFind(out _))
        {
            output.WriteLine("skipped: no watchdog binary (run ./build.sh or build src/Platform.Watchdog)");
            return;
        }

        var stack = Path.Combine(_dir, "stack.yml");
        File.WriteAllText(stack, "version: 1.0\nprovider: {name: openfaas}\nfunctions:\n  echo-cat:\n    image: test/echo-cat:latest\n    fprocess: cat\n");
        await using var target = await EmbeddedTarget.StartAsync(
            new TargetDefinition { File = "test", Name = "test", Kind = "embedded", Stack = stack, StateDirectory = Path.Combine(_dir, "state") }, null, CancellationToken.None);
        var gatewayPort = target.Gateway!.Port;
        Assert.True(target.Client.Credentials!.TryGetBasic(out var user, out var password));

        // The printed configuration, with the scratch prefix's paths for what Debian's nginx would put under /var.
        using var cli = new CliHarness();
        var listen = LoopbackPort.Pick();
        Assert.Equal(0, (await cli.RunAsync("ingress", "nginx", "--gateway", $"127.0.0.1:{gatewayPort}", "--listen", listen.ToString(CultureInfo.InvariantCulture))).ExitCode);
        await using var nginx = await NginxProcess.StartAsync(Nginx, _dir, "keepalive", cli.StdoutText.Replace("listen " + listen, "listen 127.0.0.1:" + listen, StringComparison.Ordinal), listen);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{listen}/"), Timeout = TimeSpan.FromSeconds(60) };

        // 5 MB through nginx (its default would answer 413) to the function and back.
        var body = new byte[5 * 1000 * 1000];
        Random.Shared.NextBytes(body);
        using (var response = await http.PostAsync("function/echo-cat", new ByteArrayContent(body)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(body.Length, (await response.Content.ReadAsByteArrayAsync()).Length);
        }

        // Followed logs arrive through nginx while the stream stays open.
        using (var logs = new HttpRequestMessage(HttpMethod.Get, "system/logs?name=echo-cat&follow=true&tail=10"))
        {
            logs.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            using var response = await http.SendAsync(logs, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            (await http.PostAsync("function/echo-cat", new StringContent("log me"))).Dispose();
            var line = await reader.ReadLineAsync(deadline.Token);
            Assert.False(string.IsNullOrEmpty(line));
            Assert.Contains("echo-cat", line, StringComparison.Ordinal);
        }

        var before = TimeWait(gatewayPort);
        for (var i = 0; i < 1000; i++)
        {
            using var response = await http.PostAsync("function/echo-cat", new StringContent("x"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var withKeepalive = TimeWait(gatewayPort) - before;

        // The same nginx without keep-alive to the gateway: what the rule warns about, so the count above can fail.
        var churnPort = LoopbackPort.Pick();
        var churn = cli.StdoutText.Replace("listen " + listen, "listen 127.0.0.1:" + churnPort, StringComparison.Ordinal)
            .Replace("keepalive 64;", string.Empty, StringComparison.Ordinal)
            .Replace("proxy_http_version 1.1;", string.Empty, StringComparison.Ordinal)
            .Replace("proxy_set_header Connection \"\";", string.Empty, StringComparison.Ordinal);
        await using var churning = await NginxProcess.StartAsync(Nginx, _dir, "churn", churn, churnPort);
        using var churnHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{churnPort}/") };
        var churnBefore = TimeWait(gatewayPort);
        for (var i = 0; i < 1000; i++)
        {
            using var response = await churnHttp.PostAsync("function/echo-cat", new StringContent("x"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var withoutKeepalive = TimeWait(gatewayPort) - churnBefore;
        output.WriteLine($"TIME_WAIT on the gateway port after 1,000 requests: {withKeepalive} with keep-alive, {withoutKeepalive} without");
        Assert.True(withKeepalive < 20, $"{withKeepalive} sockets in TIME_WAIT with keep-alive");
        Assert.True(withoutKeepalive > 500, $"{withoutKeepalive} sockets in TIME_WAIT without keep-alive");
    }

    /// <summary>Sockets in TIME_WAIT (state 06) with the gateway's port on either end, from /proc/net/tcp and tcp6.</summary>
    private static int TimeWait(int port)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 3 && f[3] == "06" && (f[1].EndsWith(":" + hex, StringComparison.Ordinal) || f[2].EndsWith(":" + hex, StringComparison.Ordinal)))
                {
                    count++;
                }
            }
        }

        return count;
    }


    /// <summary>A real nginx in the foreground with its own prefix (pid, logs, temp files), stopped at the end.</summary>
    private sealed class NginxProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private NginxProcess(Process process) => _process = process;

        public static async Task<NginxProcess> StartAsync(string nginx, string dir, string name, string config, int port)
        {
            var prefix = Path.Combine(dir, "nginx-" + name);
            Directory.CreateDirectory(Path.Combine(prefix, "logs"));
            // nginx's workers run as nobody: they must reach the temp directories nginx creates (and chowns) here.
            if (OperatingSystem.IsLinux())
            {
                foreach (var d in new[] { dir, prefix })
                {
                    File.SetUnixFileMode(d, (UnixFileMode)Convert.ToInt32("755", 8));
                }
            }

            var paths = string.Join(' ', new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"{t}_temp_path {prefix}/{t}_temp;"));
            config = config.Replace("http {", $"http {{\n    access_log {prefix}/logs/access.log;\n    {paths}\n", StringComparison.Ordinal);
            var conf = Path.Combine(prefix, "nginx.conf");
            File.WriteAllText(conf, config);
            var psi = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-p", prefix + "/", "-e", Path.Combine(prefix, "logs", "error.log"), "-c", conf, "-g", $"daemon off; pid {prefix}/nginx.pid;" })
            {
                psi.ArgumentList.Add(a);
            }

            var process = Process.Start(psi)!;
            var started = new NginxProcess(process);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return started;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(50);
                }
                catch (SocketException)
                {
                    await started.DisposeAsync();
                    throw new InvalidOperationException($"nginx did not listen on {port}: {File.ReadAllText(Path.Combine(prefix, "logs", "error.log"))}");
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
