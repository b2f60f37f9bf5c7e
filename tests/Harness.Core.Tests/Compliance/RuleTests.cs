using Harness.Compliance;
using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Policy;
using Harness.Compliance.Rules;
using Harness.Results;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Core.Tests.Compliance;

/// <summary>Each rule with a passing and a failing fixture; rules are pure, so no I/O here.</summary>
public sealed class RuleTests
{
    private static Finding Only(IComplianceRule rule, EvidenceBundle evidence)
        => Assert.Single(rule.Evaluate(Norway(), evidence));

    [Fact]
    public void Image_registry_fails_for_docker_hub_and_passes_for_an_allowed_registry()
    {
        var fail = Only(new ImageRegistryRule(), With(Function(image: "your-docker-user/payment-processor:latest")));
        var pass = Only(new ImageRegistryRule(), With(Function(image: "registry.example.no/payment-processor:1")));

        Assert.False(fail.Passed);
        Assert.Equal("high", fail.Severity);
        Assert.Contains("Docker Hub", fail.Title, StringComparison.Ordinal);
        Assert.Contains("US", fail.Title, StringComparison.Ordinal);
        Assert.Contains(fail.References, r => r.Contains("C-311/18", StringComparison.Ordinal));
        Assert.Contains(fail.References, r => r.Contains("2023/1795", StringComparison.Ordinal) && r.Contains("C-703/25 P", StringComparison.Ordinal));
        Assert.Contains(fail.References, r => r.Contains("2713", StringComparison.Ordinal));
        Assert.True(pass.Passed);
    }

    [Fact]
    public void Image_registry_not_in_the_allowed_list_with_an_unknown_operator_fails_medium()
    {
        var finding = Only(new ImageRegistryRule(), With(Function(image: "registry.other.no/app:1")));

        Assert.False(finding.Passed);
        Assert.Equal("medium", finding.Severity);
    }

    [Fact]
    public void Endpoint_outside_the_allowed_jurisdictions_fails_and_an_allowed_domain_passes()
    {
        var evidence = With(
            Function(name: "a", env: new Dictionary<string, string> { ["QUEUE_URL"] = "https://sqs.eu-north-1.amazonaws.com/1/q" }),
            Function(name: "b", env: new Dictionary<string, string> { ["LEDGER_URL"] = "https://ledger.example.no/api" }),
            Function(name: "c", env: new Dictionary<string, string> { ["HOOK_URL"] = "https://hooks.unknown-vendor.com/x" }));
        var endpoints = evidence.Functions.SelectMany(f => Harness.Compliance.Collectors.FunctionFactsBuilder.Build(
            f.Name, new() { Service = f.Name, Image = f.Image, EnvVars = f.Name switch
            {
                "a" => new Dictionary<string, string> { ["QUEUE_URL"] = "https://sqs.eu-north-1.amazonaws.com/1/q" },
                "b" => new Dictionary<string, string> { ["LEDGER_URL"] = "https://ledger.example.no/api" },
                _ => new Dictionary<string, string> { ["HOOK_URL"] = "https://hooks.unknown-vendor.com/x" },
            } }, "s:1:1", "stack", Resolver()).Endpoints).ToList();

        var findings = new EndpointJurisdictionRule().Evaluate(Norway(), evidence with { Endpoints = endpoints }).ToList();

        Assert.Equal(3, findings.Count);
        Assert.False(findings[0].Passed);
        Assert.Equal("high", findings[0].Severity);
        Assert.True(findings[1].Passed);
        Assert.False(findings[2].Passed);
        Assert.Equal("medium", findings[2].Severity);
        Assert.Contains("unknown", findings[2].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_region_missing_or_outside_fails_and_an_allowed_region_passes()
    {
        var nodes = new NodeLocationFacts
        {
            Nodes =
            [
                new NodeRegion("n1", "no-oslo-1", "no-oslo-1a", new("kubernetes", "n1")),
                new NodeRegion("n2", null, null, new("kubernetes", "n2")),
                new NodeRegion("n3", "us-east-1", "us-east-1c", new("kubernetes", "n3")),
            ],
        };

        var findings = new NodeRegionRule().Evaluate(Norway(), new EvidenceBundle { NodeLocation = nodes }).ToList();

        Assert.Equal([true, false, false], findings.Select(f => f.Passed));
        Assert.Equal("medium", findings[1].Severity);
        Assert.Equal("high", findings[2].Severity);
    }

    [Fact]
    public void A_declared_vps_location_is_recorded_as_declared_not_verified()
    {
        var inPolicy = new NodeLocationFacts { Declared = new DeclaredLocation("NO", "NO / Oslo", new("target", "location: NO / Oslo (declared, not verified)")) };
        var outside = new NodeLocationFacts { Declared = new DeclaredLocation("DE", "DE / Falkenstein", new("target", "x")) };

        var low = Only(new NodeRegionRule(), new EvidenceBundle { NodeLocation = inPolicy });
        var high = Only(new NodeRegionRule(), new EvidenceBundle { NodeLocation = outside });

        Assert.Equal("low", low.Severity);
        Assert.Contains("declared, not verified", low.Title, StringComparison.Ordinal);
        Assert.Equal("high", high.Severity);
        Assert.False(high.Passed);
    }

    [Fact]
    public void No_node_evidence_is_not_checked_and_never_fails_the_run()
    {
        var finding = Only(new NodeRegionRule(), new EvidenceBundle());

        Assert.False(finding.Passed);
        Assert.Equal("info", finding.Severity);
    }

    [Fact]
    public void Memory_limit_missing_fails_and_present_passes()
    {
        var fail = Only(new MemoryLimitRule(), With(Function(memory: null)));
        var pass = Only(new MemoryLimitRule(), With(Function(memory: "128Mi")));

        Assert.False(fail.Passed);
        Assert.Contains("no memory limit", fail.Title, StringComparison.Ordinal);
        Assert.Contains("OOM", fail.Remediation, StringComparison.Ordinal);
        Assert.True(pass.Passed);
    }

    [Fact]
    public void Readonly_annotation_without_the_field_fails_and_with_it_passes()
    {
        var annotation = new Dictionary<string, string> { ["com.openfaas.security.readonly"] = "true" };

        var fail = Only(new ReadOnlyAnnotationRule(), With(Function(readOnly: false, annotations: annotation)));
        var pass = Only(new ReadOnlyAnnotationRule(), With(Function(readOnly: true, annotations: annotation)));
        var unused = Only(new ReadOnlyAnnotationRule(), With(Function(readOnly: false)));

        Assert.False(fail.Passed);
        Assert.Contains("no-op upstream", fail.Title, StringComparison.Ordinal);
        Assert.True(pass.Passed);
        Assert.True(unused.Passed);
    }

    [Fact]
    public void Readonly_root_filesystem_is_required_by_the_policy()
    {
        Assert.False(Only(new ReadOnlyRootFilesystemRule(), With(Function(readOnly: false))).Passed);
        Assert.True(Only(new ReadOnlyRootFilesystemRule(), With(Function(readOnly: true))).Passed);
    }

    [Fact]
    public void Unbounded_exec_timeout_fails_even_behind_an_ingress_which_ends_only_the_clients_wait()
    {
        var unbounded = Function(execTimeout: null);
        var zero = Function(execTimeout: "0");
        var ingress = new IngressFacts { File = "nginx.conf", Servers = [new IngressServer { Location = "nginx.conf:3:5", Proxies = true }] };

        Assert.False(Only(new ExecTimeoutRule(), With(unbounded)).Passed);
        Assert.False(Only(new ExecTimeoutRule(), With(zero)).Passed);
        Assert.False(Only(new ExecTimeoutRule(), With(unbounded) with { Ingress = ingress }).Passed);
        Assert.True(Only(new ExecTimeoutRule(), With(Function(execTimeout: "30s"))).Passed);
    }

    [Fact]
    public void An_ingress_read_timeout_shorter_than_the_function_is_misaligned_and_names_both_numbers()
    {
        var shortIngress = new IngressFacts { File = "n", Servers = [new IngressServer { Location = "n:1:1", Proxies = true, ProxyReadTimeout = TimeSpan.FromSeconds(30) }] };
        var longIngress = new IngressFacts { File = "n", Servers = [new IngressServer { Location = "n:1:1", Proxies = true, ProxyReadTimeout = TimeSpan.FromSeconds(65) }] };
        var slow = Function(execTimeout: "45s", env: new Dictionary<string, string> { ["write_timeout"] = "50s" });

        var fail = Only(new TimeoutAlignmentRule(), With(slow) with { Ingress = shortIngress });
        var pass = Only(new TimeoutAlignmentRule(), With(Function(execTimeout: "20s")) with { Ingress = longIngress });

        Assert.False(fail.Passed);
        Assert.Contains("the ingress proxy_read_timeout 30s applies before the function's own 45s", fail.Title, StringComparison.Ordinal);
        Assert.True(pass.Passed, pass.Title);
        Assert.Contains("20s", pass.Title, StringComparison.Ordinal);
        Assert.Contains("ingress proxy_read_timeout 65s", pass.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingress_without_tls_fails_and_with_certificate_and_key_passes()
    {
        var plain = new IngressFacts { File = "n", Servers = [new IngressServer { Location = "n:1:1", Proxies = true, Listens = ["80"] }] };
        var noKey = new IngressFacts { File = "n", Servers = [new IngressServer { Location = "n:1:1", Proxies = true, Tls = true, Certificate = "c.pem" }] };
        var tls = new IngressFacts { File = "n", Servers = [new IngressServer { Location = "n:1:1", Proxies = true, Tls = true, Certificate = "c.pem", CertificateKey = "k.pem" }] };

        var fail = Only(new IngressTlsRule(), new EvidenceBundle { Ingress = plain });
        Assert.False(fail.Passed);
        Assert.Equal("high", fail.Severity);
        Assert.False(Only(new IngressTlsRule(), new EvidenceBundle { Ingress = noKey }).Passed);
        Assert.True(Only(new IngressTlsRule(), new EvidenceBundle { Ingress = tls }).Passed);
    }

    [Fact]
    public void Gateway_answering_system_without_auth_fails_and_401_passes()
    {
        var open = new GatewayFacts { Url = "http://gw", FunctionsStatusWithoutAuth = 200 };
        var closed = new GatewayFacts { Url = "http://gw", FunctionsStatusWithoutAuth = 401 };

        var fail = Only(new GatewayAuthRule(), new EvidenceBundle { Gateway = open });
        Assert.False(fail.Passed);
        Assert.Equal("high", fail.Severity);
        Assert.True(Only(new GatewayAuthRule(), new EvidenceBundle { Gateway = closed }).Passed);
    }

    [Fact]
    public void Unlimited_body_size_fails_low_and_a_limit_passes()
    {
        var unlimited = new IngressFacts { File = "n", Servers = [new IngressServer { Location = "n:1:1", Proxies = true, ClientMaxBodySize = 0 }] };
        var limited = new IngressFacts { File = "n", Servers = [new IngressServer { Location = "n:1:1", Proxies = true }] };

        Assert.False(Only(new BodySizeRule(), new EvidenceBundle { Ingress = unlimited }).Passed);
        Assert.True(Only(new BodySizeRule(), new EvidenceBundle { Ingress = limited }).Passed);
    }

    [Fact]
    public void Dns_resolver_outside_the_policy_fails_and_a_local_one_passes()
    {
        var resolver = Resolver(IpCountryTable.Parse("8.8.8.0/24 US", "ip"));
        EndpointFact Dns(string ip) => new("node", "DNS resolver", resolver.Resolve(ip), new("node", $"nameserver {ip}"));
        var host = new HostConfigFacts { Resolvers = [Dns("10.0.0.2"), Dns("8.8.8.8"), Dns("9.9.9.9")] };

        var findings = new HostConfigRule().Evaluate(Norway(), new EvidenceBundle { HostConfig = host })
            .Where(f => f.RuleId == HostConfigRule.DnsId).ToList();

        Assert.Equal([true, false, false], findings.Select(f => f.Passed));
        Assert.Equal("medium", findings[1].Severity);
        Assert.Equal("low", findings[2].Severity);
    }

    [Fact]
    public void Non_root_is_reported_as_not_verifiable_rather_than_guessed()
    {
        var finding = Only(new NonRootRule(), With(Function()));

        Assert.False(finding.Passed);
        Assert.Equal("info", finding.Severity);
    }

    [Fact]
    public void Secrets_labels_and_annotations_are_recorded_in_the_inventory()
    {
        var f = Harness.Compliance.Collectors.FunctionFactsBuilder.Build("pay", new()
        {
            Service = "pay",
            Image = "registry.example.no/pay:1",
            Secrets = ["ledger-token"],
            Labels = new Dictionary<string, string> { ["team"] = "payments" },
            Annotations = new Dictionary<string, string> { ["com.openfaas.security.readonly"] = "true" },
        }, "stack.yml:6:3", "stack", Resolver()).Function;

        var finding = Only(new InventoryRule(), With(f));

        Assert.True(finding.Passed);
        Assert.Equal("info", finding.Severity);
        Assert.Contains(finding.Evidence, e => e.Observed == "pay: secrets referenced: ledger-token (values not read)");
        Assert.Contains(finding.Evidence, e => e.Observed == "pay: labels: team=payments");
        Assert.Contains(finding.Evidence, e => e.Observed == "pay: annotations: com.openfaas.security.readonly=true");
    }

    [Fact]
    public void The_threshold_decides_the_exit_code_and_every_check_is_listed()
    {
        var good = ResidencyCheck.Judge(Norway(), With(Function()));
        var bad = ResidencyCheck.Judge(Norway(), With(Function(memory: null)));

        Assert.Equal(0, good.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(good.Result.Findings, f => f.Passed);
        Assert.Equal(RuleSet.All.Select(r => r.Id).Where(id => id is not (EndpointJurisdictionRule.RuleId or BodySizeRule.RuleId or IngressSyntaxRule.RuleId or UpstreamKeepaliveRule.RuleId or LogStreamingRule.RuleId)).Order(),
            good.Result.Findings.Select(f => f.RuleId).Distinct().Order());
        Assert.StartsWith("sha256:", good.Result.PolicyHash, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_threshold_of_high_lets_medium_findings_through()
    {
        var policy = Norway() with { FailAt = Severity.High };

        Assert.Equal(0, ResidencyCheck.Judge(policy, With(Function(memory: null))).ExitCode);
        Assert.Equal(1, ResidencyCheck.Judge(policy, With(Function(image: "ghcr.io/me/app:1"))).ExitCode);
    }
}
