using Harness.Compliance;
using Harness.Compliance.Collectors;
using Harness.Compliance.Evidence;
using Harness.Compliance.Rules;
using Harness.Results;
using Microsoft.AspNetCore.Builder;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Core.Tests.Compliance;

/// <summary>Each function judged by the platform that runs it: watchdog defaults, the gateway's upstream timeout, the sandbox.</summary>
public sealed class PlatformJudgementTests
{
    private static Finding One(IComplianceRule rule, EvidenceBundle evidence) => Assert.Single(rule.Evaluate(Norway(), evidence));

    private static FunctionFacts Fn(string? exec, string? lang = null, IReadOnlyDictionary<string, string>? env = null, bool harness = false)
        => Function(execTimeout: exec, env: env) with { Lang = lang, RunsOnHarness = harness };

    [Fact]
    public void An_of_watchdog_function_without_exec_timeout_is_bounded_by_its_30s_default()
    {
        var f = One(new ExecTimeoutRule(), With(Fn(null, lang: "python3-http")));

        Assert.True(f.Passed, f.Title);
        Assert.Contains("stopped after 30s (of-watchdog)", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_classic_watchdog_function_without_exec_timeout_fails_even_behind_an_ingress()
    {
        var evidence = With(Fn(null, lang: "python3")) with
        {
            Ingress = new IngressFacts { File = "nginx.conf", Servers = [new IngressServer { Location = "nginx.conf:3:5", Proxies = true, ProxyReadTimeout = TimeSpan.FromSeconds(300) }] },
        };

        var f = One(new ExecTimeoutRule(), evidence);

        Assert.False(f.Passed);
        Assert.Contains("classic watchdog", f.Title, StringComparison.Ordinal);
        Assert.Contains("the process keeps running", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Harness_watchdog_bounds_every_invocation_by_write_timeout()
    {
        var f = One(new ExecTimeoutRule(), With(Fn(null, lang: "python3", harness: true)));

        Assert.True(f.Passed, f.Title);
        Assert.Contains("30s (Harness watchdog)", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_watchdog_without_exec_timeout_cannot_pass()
        => Assert.False(One(new ExecTimeoutRule(), With(Fn(null))).Passed);

    [Fact]
    public void A_gateway_upstream_timeout_shorter_than_the_function_names_the_gateway_as_the_limit_in_force()
    {
        var gateway = new GatewayFacts { Url = "http://gw", Provider = "faas-netes-ce", UpstreamTimeout = TimeSpan.FromSeconds(20) };
        var evidence = With(Fn("45s", env: new Dictionary<string, string> { ["write_timeout"] = "50s" }, lang: "python3-http")) with { Gateway = gateway };

        var f = One(new TimeoutAlignmentRule(), evidence);

        Assert.False(f.Passed);
        Assert.Contains("the gateway upstream timeout 20s applies before the function's own 45s", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_openfaas_gateway_is_assumed_to_have_its_default_upstream_timeout_and_says_so()
    {
        var gateway = new GatewayFacts { Url = "http://gw", Provider = "faas-netes-ce" };
        var f = One(new TimeoutAlignmentRule(), With(Fn("10s", lang: "python3-http")) with { Gateway = gateway });

        Assert.True(f.Passed, f.Title);
        Assert.Contains(f.Evidence, e => e.Observed.Contains("OpenFaaS's default 60s assumed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_readonly_annotation_advice_does_not_claim_read_only_on_a_platform_that_ignores_it()
    {
        var annotated = Function(readOnly: false, annotations: new Dictionary<string, string> { [FunctionFactsBuilder.ReadOnlyAnnotation] = "true" });
        var upstream = One(new ReadOnlyAnnotationRule(), With(annotated) with { Gateway = new GatewayFacts { Url = "http://gw", Provider = "faas-netes-ce" } });
        var harness = One(new ReadOnlyAnnotationRule(), With(annotated with { RunsOnHarness = true }));

        Assert.False(upstream.Passed);
        Assert.DoesNotContain("read-only here", upstream.Remediation, StringComparison.Ordinal);
        Assert.Contains("not read-only", upstream.Remediation, StringComparison.Ordinal);
        Assert.Contains("Harness's platform runs it read-only", harness.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"provider":{"provider":"harness-local","sandbox":{"enforced":true,"mechanism":"userns","nonRoot":true,"uidRange":"100000-165535","capabilities":"none","noNewPrivs":true,"seccomp":true,"namespaces":["pid","mnt"],"notEnforced":[]}}}""", true, "high")]
    [InlineData("""{"provider":{"provider":"harness-local","sandbox":{"enforced":true,"mechanism":"none","nonRoot":false,"uidRange":null,"capabilities":"none","noNewPrivs":true,"seccomp":false,"namespaces":[],"notEnforced":["uid"]}}}""", false, "high")]
    [InlineData("""{"provider":{"provider":"harness-local","sandbox":{"enforced":false,"mechanism":"none","nonRoot":true,"notEnforced":["namespaces"]}}}""", false, "high")]
    [InlineData("""{"provider":{"provider":"faas-netes-ce","orchestration":"kubernetes"}}""", false, "info")]
    public async Task Non_root_is_verified_from_the_gateways_sandbox_report(string info, bool passed, string severity)
    {
        await using var gateway = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/system/info", () => Microsoft.AspNetCore.Http.Results.Text(info, "application/json"));
            app.MapGet("/system/functions", () => Microsoft.AspNetCore.Http.Results.Text("""[{"name":"fn","image":"registry.example.no/fn:1"}]""", "application/json"));
        });
        using var http = new HttpClient();
        var outcome = await new ResidencyCheck(StackInputs.Read, http).RunAsync(
            new ResidencyCheckRequest { PolicyFile = RepoFile("scenarios/policies/norway.yml"), GatewayUrl = gateway.Address }, CancellationToken.None);

        var f = Assert.Single(outcome.Result.Findings, x => x.RuleId == NonRootRule.RuleId);
        Assert.Equal(passed, f.Passed);
        Assert.Equal(severity, f.Severity);
        if (severity == "info")
        {
            Assert.Contains("not verifiable", f.Title, StringComparison.Ordinal);
        }
    }
}
