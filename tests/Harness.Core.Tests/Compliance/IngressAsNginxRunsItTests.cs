using Harness.Compliance;
using Harness.Compliance.Collectors;
using Harness.Results;
using Microsoft.AspNetCore.Builder;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Core.Tests.Compliance;

/// <summary>The tutorial ingress of issue 16, judged as nginx runs it (real <c>nginx -t</c>, effective defaults of every hop).</summary>
public sealed class IngressAsNginxRunsItTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-ingress-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Nginx => NginxSyntaxCheck.FindNginx() ?? throw new InvalidOperationException("nginx is not installed (./build.sh setup installs it)");

    [Fact]
    public async Task Nginx_refuses_the_tutorial_config_and_the_check_says_so_with_nginxs_message()
    {
        _ = Nginx;
        var findings = await CheckAsync(Fixture("nginx", "tutorial", "nginx.conf"));

        var syntax = Assert.Single(findings, f => f.RuleId == "config.ingress-syntax");
        Assert.False(syntax.Passed);
        Assert.Equal("high", syntax.Severity);
        Assert.Contains("no \"events\" section in configuration", syntax.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_nginx_the_syntax_is_recorded_as_not_verified()
    {
        var findings = await CheckAsync(Fixture("nginx", "tutorial", "nginx.conf"), locateNginx: () => null);

        var syntax = Assert.Single(findings, f => f.RuleId == "config.ingress-syntax");
        Assert.False(syntax.Passed);
        Assert.Equal("info", syntax.Severity);
        Assert.Contains("not verified", syntax.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_tls_ingress_passes_nginx_t_with_a_generated_certificate()
    {
        var conf = CopyShippedTlsIngress();

        var findings = await CheckAsync(conf);

        Assert.Contains(findings, f => f.RuleId == "config.ingress-syntax" && f.Passed);
    }

    [Fact]
    public async Task A_5_MB_payload_fails_the_body_size_check_naming_the_ingress_default_as_the_limit_in_force()
    {
        var findings = await CheckAsync(Fixture("nginx", "tutorial", "nginx.conf"), payloads: new Dictionary<string, long> { ["upload"] = 5L << 20 });

        var body = Assert.Single(findings, f => f.RuleId == "config.body-size");
        Assert.False(body.Passed);
        Assert.Equal("medium", body.Severity);
        Assert.Contains("5 MiB", body.Title, StringComparison.Ordinal);
        Assert.Contains("ingress's client_max_body_size of 1 MiB", body.Title, StringComparison.Ordinal);
        Assert.Contains("gateway allows 64 MiB", body.Title, StringComparison.Ordinal);
        Assert.Contains(body.Evidence, e => e.Observed.Contains("nginx default 1m", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_limit_above_the_gateways_names_the_gateway_as_the_limit_in_force()
    {
        var conf = Write("big.conf", "events {}\nhttp { client_max_body_size 200m; server { listen 127.0.0.1:1; location / { proxy_pass http://127.0.0.1:8080; } } }\n");

        var body = Assert.Single(await CheckAsync(conf), f => f.RuleId == "config.body-size");

        Assert.True(body.Passed);
        Assert.Contains("64 MiB (67108864 bytes) by the gateway's limit, the limit in force (the ingress allows 200 MiB", body.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_300s_ingress_timeout_is_not_the_limit_in_force_the_watchdogs_default_is()
    {
        var findings = await CheckAsync(Fixture("nginx", "tutorial", "nginx.conf"));

        var exec = Assert.Single(findings, f => f.RuleId == "config.exec-timeout");
        Assert.True(exec.Passed, exec.Title);
        Assert.Contains("stopped after 30s (Harness watchdog)", exec.Title, StringComparison.Ordinal);
        var aligned = Assert.Single(findings, f => f.RuleId == "config.timeouts-aligned");
        Assert.True(aligned.Passed, aligned.Title);
        Assert.Contains("30s (Harness watchdog) is the limit in force", aligned.Title, StringComparison.Ordinal);
        Assert.Contains("never end a call first (gateway upstream timeout 60s, ingress proxy_read_timeout 300s)", aligned.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_keepalive_to_the_gateway_and_buffered_logs_are_findings_with_their_consequence()
    {
        var findings = await CheckAsync(Fixture("nginx", "tutorial", "nginx.conf"));

        var keepalive = Assert.Single(findings, f => f.RuleId == "config.ingress-keepalive");
        Assert.False(keepalive.Passed);
        Assert.Contains("new TCP connection to the gateway for every request", keepalive.Title, StringComparison.Ordinal);
        Assert.Contains("proxy_http_version 1.1", keepalive.Title, StringComparison.Ordinal);
        Assert.Contains("TIME_WAIT", keepalive.Remediation, StringComparison.Ordinal);
        Assert.Contains("conntrack", keepalive.Remediation, StringComparison.Ordinal);
        var logs = Assert.Single(findings, f => f.RuleId == "config.ingress-log-streaming");
        Assert.False(logs.Passed);
        Assert.Contains(logs.Evidence, e => e.Observed.Contains("proxy_buffering on (nginx default on)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_shipped_tls_ingress_passes_keepalive_and_its_logs_route_is_judged()
    {
        var findings = await CheckAsync(CopyShippedTlsIngress());

        Assert.Contains(findings, f => f.RuleId == "config.ingress-keepalive" && f.Passed);
    }

    private string CopyShippedTlsIngress()
    {
        var conf = Path.Combine(_dir, "nginx-gateway-tls.conf");
        File.Copy(RepoFile("scenarios/ingress/nginx-gateway-tls.conf"), conf);
        Directory.CreateDirectory(Path.Combine(_dir, "tls"));
        SelfSignedCertificate.Write(Path.Combine(_dir, "tls", "fullchain.pem"), Path.Combine(_dir, "tls", "privkey.pem"));
        return conf;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>One function on a Harness gateway (a fake /system/info of a harness-local provider), behind the given ingress.</summary>
    private static async Task<IReadOnlyList<Finding>> CheckAsync(string nginxConf, Func<string?>? locateNginx = null, IReadOnlyDictionary<string, long>? payloads = null)
    {
        await using var gateway = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/system/info", () => Microsoft.AspNetCore.Http.Results.Text("""{"provider":{"provider":"harness-local","orchestration":"process"}}""", "application/json"));
            app.MapGet("/system/functions", () => Microsoft.AspNetCore.Http.Results.Text(
                """[{"name":"slow","image":"registry.example.no/slow:1","limits":{"memory":"64Mi"},"readOnlyRootFilesystem":true}]""", "application/json"));
        });
        var request = new ResidencyCheckRequest
        {
            PolicyFile = RepoFile("scenarios/policies/norway.yml"),
            NginxConfig = nginxConf,
            GatewayUrl = gateway.Address,
            LocateNginx = locateNginx ?? NginxSyntaxCheck.FindNginx,
            ScenarioPayloads = payloads ?? new Dictionary<string, long>(),
        };
        using var http = new HttpClient();
        var outcome = await new ResidencyCheck(StackInputs.Read, http).RunAsync(request, CancellationToken.None);
        return outcome.Result.Findings;
    }
}
