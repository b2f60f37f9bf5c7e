using Harness.Cli;
using Harness.Cli.App;
using Harness.Compliance;
using Harness.Core.Tests.Compliance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Spectre.Console.Cli.Testing;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Harness.Tests.Compliance;

/// <summary>The acceptance cases of issue 7, through the CLI in-process, on this project's own copies of the fixtures.</summary>
public sealed class CheckResidencyCommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("harness-residency-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void The_articles_stack_against_the_norway_policy_exits_1_with_the_three_findings()
    {
        var result = Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "-f", Fixture("stacks", "payment-processor.yml"), "--out", _out);

        Assert.Equal(1, result.ExitCode);
        var findings = ReadFindings();
        Assert.Equal("norway", findings.PolicyName);
        Assert.Matches("^sha256:[0-9a-f]{64}$", findings.PolicyHash);
        var failed = findings.Findings.Where(f => !f.Passed).ToList();
        var registry = Assert.Single(failed, f => f.RuleId == "residency.image-registry");
        Assert.Contains("your-docker-user/payment-processor", registry.Title, StringComparison.Ordinal);
        Assert.Contains("Docker Hub", registry.Title, StringComparison.Ordinal);
        Assert.Contains("US", registry.Title, StringComparison.Ordinal);
        Assert.Contains(registry.Evidence, e => e.Location!.EndsWith("payment-processor.yml:6:3", StringComparison.Ordinal));
        var annotation = Assert.Single(failed, f => f.RuleId == "config.readonly-annotation");
        Assert.Contains("no-op upstream", annotation.Title, StringComparison.Ordinal);
        var memory = Assert.Single(failed, f => f.RuleId == "config.memory-limit");
        Assert.Contains("no memory limit", memory.Title, StringComparison.Ordinal);
        Assert.Contains("residency.image-registry", result.Output, StringComparison.Ordinal);
        // The python3 handler's statusCode dicts: a portability warning at the handler's file and line.
        Assert.Matches(@"warning .*payment-processor[/\\]handler\.py:17:\d+: functions\.payment-processor\.handler: portability: .*upstream OpenFaaS answers 200", result.Output.Replace("\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_compliant_stack_exits_0_and_records_its_passing_checks()
    {
        var result = Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "-f", Fixture("stacks", "compliant.yml"), "--out", _out);

        Assert.True(result.ExitCode == 0, result.Output);
        var findings = ReadFindings();
        Assert.Contains(findings.Findings, f => f.RuleId == "residency.image-registry" && f.Passed);
        Assert.Contains(findings.Findings, f => f.RuleId == "config.memory-limit" && f.Passed);
        Assert.Contains(findings.Findings, f => f.RuleId == "config.readonly-rootfs" && f.Passed);
        Assert.Contains(findings.Findings, f => f.RuleId == "residency.endpoint" && f.Passed && f.Title.Contains("ledger.example.no", StringComparison.Ordinal));
        Assert.Contains(findings.Findings, f => f.RuleId == "config.ingress-tls" && f.Severity == "info" && !f.Passed);
    }

    [Fact]
    public void Every_collector_at_once_judges_gateway_ingress_nodes_target_and_node_files()
    {
        using var _ = new TempFile(out var target, """
            name: vps-oslo
            kind: remote
            gateway: https://faas.example.no
            location: NO / Oslo / Example VPS AS
            """);
        var kubeconfig = Path.Combine(_out, "kubeconfig");
        using var api = StartKube(kubeconfig);
        using var gateway = StartGateway(authRequired: false);

        var result = Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "-f", Fixture("stacks", "compliant.yml"),
            "--target", target, "--kubeconfig", kubeconfig,
            "--nginx-conf", Fixture("nginx", "article", "nginx.conf"),
            "--gateway", gateway.Server.Address.ToString(),
            "--node-root", Fixture("node"), "--ip-country", Fixture("node", "ip-country.txt"),
            "--out", _out);

        Assert.Equal(1, result.ExitCode);
        var f = ReadFindings().Findings;
        Assert.Contains(f, x => x.RuleId == "config.gateway-auth" && !x.Passed && x.Severity == "high");
        Assert.Contains(f, x => x.RuleId == "config.ingress-tls" && !x.Passed && x.Severity == "high");
        Assert.Contains(f, x => x.RuleId == "residency.node-region" && x.Passed && x.Subject == "oslo-1");
        Assert.Contains(f, x => x.RuleId == "residency.node-region" && x.Title.Contains("declared, not verified", StringComparison.Ordinal));
        Assert.Contains(f, x => x.RuleId == "residency.dns-resolver" && !x.Passed && x.Title.Contains("8.8.8.8", StringComparison.Ordinal));
        Assert.Contains(f, x => x.RuleId == "residency.time-source" && !x.Passed && x.Title.Contains("time.cloudflare.com", StringComparison.Ordinal));
        Assert.Contains(f, x => x.RuleId == "node.facts" && x.Title.Contains("Europe/Oslo", StringComparison.Ordinal));
        // The deployed function the gateway lists is checked like a stack function.
        Assert.Contains(f, x => x.RuleId == "residency.image-registry" && !x.Passed && x.Title.Contains("ghcr.io", StringComparison.Ordinal));
        Assert.Contains(f, x => x.RuleId == "config.exec-timeout" && x.Passed);
    }

    [Fact]
    public void A_gateway_that_requires_auth_passes_the_auth_check()
    {
        using var gateway = StartGateway(authRequired: true);
        var policy = Path.Combine(_out, "p.yml");
        File.WriteAllText(policy, "name: p\njurisdictions: {allowed: [NO]}\nrequire: {non_root: false}\n");

        var result = Run("check", "residency", "--policy", policy, "--gateway", gateway.Server.Address.ToString(), "--out", _out);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(ReadFindings().Findings, x => x.RuleId == "config.gateway-auth" && x.Passed);
    }

    [Fact]
    public void A_bad_policy_exits_2_with_positions()
    {
        var bad = Fixture("policies", "bad.yml");

        var result = Run("check", "residency", "--policy", bad, "--out", _out);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("bad.yml:2:10: fail_at", result.Output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, FindingsJson.FileName)));
    }

    [Fact]
    public void Missing_policy_and_bad_inputs_exit_2()
    {
        Assert.Equal(ExitCodes.UsageError, Run("check", "residency", "--out", _out).ExitCode);
        Assert.Equal(ExitCodes.UsageError, Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "-f", Path.Combine(_out, "missing.yml"), "--out", _out).ExitCode);
        Assert.Equal(ExitCodes.UsageError, Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "--gateway", "ftp://x", "--out", _out).ExitCode);
        var badNginx = Path.Combine(_out, "bad.conf");
        File.WriteAllText(badNginx, "http {\n");
        Assert.Equal(ExitCodes.UsageError, Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "--nginx-conf", badNginx, "--out", _out).ExitCode);
    }

    [Fact]
    public void A_broken_target_file_exits_2_with_every_error_and_judges_nothing()
    {
        using var _ = new TempFile(out var target, "name: t\nkind: remote\ngateway: 12\ntlsVerify: maybe\nunknownKey: 1\n");

        var result = Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "-f", Fixture("stacks", "compliant.yml"), "--target", target, "--out", _out);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        var output = result.Output.Replace("\n", string.Empty, StringComparison.Ordinal);
        var name = Path.GetFileName(target);
        Assert.Contains(name + ":3:10: gateway:", output, StringComparison.Ordinal);
        Assert.Contains(name + ":4:12: tlsVerify:", output, StringComparison.Ordinal);
        Assert.Contains(name + ":5:1: unknownKey:", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, FindingsJson.FileName)));
    }

    [Fact]
    public void A_target_location_written_as_a_mapping_is_read_by_the_check()
    {
        using var _ = new TempFile(out var target, "name: t\nkind: remote\ngateway: https://faas.example.no\nlocation: {country: NO, city: Oslo}\n");

        var result = Run("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"),
            "-f", Fixture("stacks", "compliant.yml"), "--target", target, "--out", _out);

        Assert.NotEqual(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(ReadFindings().Findings, x => x.RuleId == "residency.node-region" && x.Title.Contains("NO / Oslo", StringComparison.Ordinal));
    }

    private Harness.Results.ComplianceResult ReadFindings()
        => FindingsJson.Deserialize(File.ReadAllText(Path.Combine(_out, FindingsJson.FileName)));

    private static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        return app.Run(args);
    }

    private static ServerHandle StartGateway(bool authRequired)
    {
        const string functions = """
            [{"name":"legacy","image":"ghcr.io/acme/legacy:1","envVars":{"exec_timeout":"5s"},"limits":{"memory":"64Mi"},"readOnlyRootFilesystem":true,"replicas":1,"availableReplicas":1}]
            """;
        var server = LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/system/functions", (HttpContext ctx) => authRequired && !ctx.Request.Headers.Authorization.Any()
                ? HttpResults.StatusCode(401)
                : HttpResults.Text(functions, "application/json"));
            app.MapGet("/system/info", (HttpContext ctx) => authRequired && !ctx.Request.Headers.Authorization.Any()
                ? HttpResults.StatusCode(401)
                : HttpResults.Text("""{"provider":{"provider":"faas-netes","orchestration":"kubernetes","version":{"sha":"x","release":"0.1"}},"arch":"x86_64"}""", "application/json"));
        }).GetAwaiter().GetResult();
        return new ServerHandle(server);
    }

    private static ServerHandle StartKube(string kubeconfigPath)
    {
        var server = LoopbackServer.StartAsync(app => app.MapGet("/api/v1/nodes", () => HttpResults.Text(
            """{"kind":"NodeList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"oslo-1","labels":{"topology.kubernetes.io/region":"no-oslo-1"}}}]}""",
            "application/json"))).GetAwaiter().GetResult();
        File.WriteAllText(kubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters: [{"{"}name: k, cluster: {"{"}server: "{server.Address.ToString().TrimEnd('/')}"{"}"}{"}"}]
            contexts: [{"{"}name: k, context: {"{"}cluster: k, user: u{"}"}{"}"}]
            current-context: k
            users: [{"{"}name: u, user: {"{"}token: t{"}"}{"}"}]
            """);
        return new ServerHandle(server);
    }

    private sealed class ServerHandle(LoopbackServer server) : IDisposable
    {
        public LoopbackServer Server => server;

        public void Dispose() => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed class TempFile : IDisposable
    {
        private readonly string _path;

        public TempFile(out string path, string text)
        {
            _path = path = Path.Combine(Path.GetTempPath(), $"harness-target-{Guid.NewGuid():N}.yml");
            File.WriteAllText(path, text);
        }

        public void Dispose() => File.Delete(_path);
    }
}
