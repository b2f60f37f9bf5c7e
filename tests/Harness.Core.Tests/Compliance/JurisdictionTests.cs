using System.Net;
using Harness.Compliance.Collectors;
using Harness.Compliance.Jurisdiction;

namespace Harness.Core.Tests.Compliance;

public sealed class JurisdictionTests
{
    [Theory]
    [InlineData("your-docker-user/payment-processor:latest", "docker.io", true)]
    [InlineData("python:3.12", "docker.io", true)]
    [InlineData("docker.io/library/nginx", "docker.io", false)]
    [InlineData("index.docker.io/me/app", "docker.io", false)]
    [InlineData("ghcr.io/openfaas/gateway:0.27", "ghcr.io", false)]
    [InlineData("registry.example.no/payments/app:1", "registry.example.no", false)]
    [InlineData("localhost:5000/app", "localhost:5000", false)]
    [InlineData("europe-north1-docker.pkg.dev/p/r/app", "europe-north1-docker.pkg.dev", false)]
    public void Image_names_split_into_registry_the_way_docker_does(string image, string registry, bool implicitHub)
    {
        var reference = ImageReference.Parse(image);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(implicitHub, reference.ImplicitDockerHub);
    }

    [Theory]
    [InlineData("docker.io", "docker", "US")]
    [InlineData("registry-1.docker.io", "docker", "US")]
    [InlineData("ghcr.io", "github", "US")]
    [InlineData("gcr.io", "google", "US")]
    [InlineData("europe-north1-docker.pkg.dev", "google", "US")]
    [InlineData("lambda.eu-north-1.amazonaws.com", "aws", "US")]
    [InlineData("abc.lambda-url.eu-north-1.on.aws", "aws", "US")]
    [InlineData("myregistry.azurecr.io", "microsoft", "US")]
    [InlineData("mcr.microsoft.com", "microsoft", "US")]
    [InlineData("quay.io", "redhat", "US")]
    [InlineData("my-worker.me.workers.dev", "cloudflare", "US")]
    [InlineData("registry.k8s.io", "kubernetes", "US")]
    [InlineData("fn.azurewebsites.net", "microsoft", "US")]
    [InlineData("europe-west1-proj.cloudfunctions.net", "google", "US")]
    public void Catalogued_suffixes_map_to_their_operator_and_headquarters(string host, string operatorId, string country)
    {
        var verdict = ComplianceFixtures.Resolver().Resolve(host);

        Assert.Equal(HostBasis.OperatorHeadquarters, verdict.Basis);
        Assert.Equal(operatorId, verdict.Operator!.Id);
        Assert.Equal(country, verdict.Country);
    }

    [Fact]
    public void Catalogue_sources_cite_public_documents_not_the_projects_internal_notes()
    {
        // Source texts end up in findings.json and the report, where a reader cannot open facts.md.
        Assert.All(JurisdictionCatalog.Default.Sources, s => Assert.DoesNotContain("facts.md", s.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Suffixes_match_on_label_boundaries_only()
    {
        Assert.Equal(HostBasis.Unknown, ComplianceFixtures.Resolver().Resolve("notdocker.io").Basis);
        Assert.Equal(HostBasis.Unknown, ComplianceFixtures.Resolver().Resolve("evilamazonaws.com").Basis);
    }

    [Fact]
    public void The_catalogue_marks_which_suffixes_were_source_checked()
    {
        var catalog = JurisdictionCatalog.Default;

        Assert.True(catalog.Match("ghcr.io")!.Value.Suffix.SourceChecked);
        Assert.False(catalog.Match("x.azurecr.io")!.Value.Suffix.SourceChecked);
        Assert.All(catalog.Operators, o => Assert.False(o.HeadquartersSourceChecked));
    }

    [Fact]
    public void An_unknown_domain_stays_unknown_and_a_cctld_is_only_labelled_a_hint()
    {
        var verdict = ComplianceFixtures.Resolver().Resolve("api.example.no");

        Assert.Equal(HostBasis.Unknown, verdict.Basis);
        Assert.Null(verdict.Country);
        Assert.Contains("only a hint", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_ip_is_unknown_without_a_table_and_mapped_with_one()
    {
        Assert.Null(ComplianceFixtures.Resolver().Resolve("8.8.8.8").Country);

        var table = IpCountryTable.Parse("8.8.0.0/16 SE\n8.8.8.0/24 US # more specific\n", "ip.txt");
        var verdict = ComplianceFixtures.Resolver(table).Resolve("8.8.8.8");

        Assert.Equal("US", verdict.Country);
        Assert.Equal(HostBasis.IpCountryFile, verdict.Basis);
        Assert.Contains("ip.txt:2", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_ip_table_line_is_reported_with_its_line()
    {
        var ex = Assert.Throws<InvalidDataException>(() => IpCountryTable.Parse("# ok\n10.0.0.0/8 NO\n10.0.0.0/33 NO\n", "ip.txt"));

        Assert.Contains("ip.txt:3:1:", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    [InlineData("gateway")]
    [InlineData("db.payments.svc.cluster.local")]
    public void Local_and_cluster_internal_hosts_stay_local(string host)
        => Assert.Equal(HostBasis.LocalNetwork, ComplianceFixtures.Resolver().Resolve(host).Basis);

    [Theory]
    [InlineData("LEDGER_URL", "https://ledger.example.no/api", "ledger.example.no")]
    [InlineData("DB_HOST", "db.example.com:5432", "db.example.com")]
    [InlineData("DSN", "postgres://u:p@10.0.0.5:5432/db", "10.0.0.5")]
    [InlineData("NOTE", "see api.stripe.com for details", "api.stripe.com")]
    public void Hosts_are_found_in_environment_values(string key, string value, string host)
        => Assert.Contains(host, HostExtractor.Extract(key, value));

    [Theory]
    [InlineData("write_debug", "true")]
    [InlineData("fprocess", "python3 index.py")]
    [InlineData("VERSION", "1.2.3")]
    [InlineData("HANDLER", "handler.py")]
    public void Values_that_are_not_addresses_yield_no_host(string key, string value)
        => Assert.Empty(HostExtractor.Extract(key, value));

    [Fact]
    public void Ip_networks_contain_their_addresses()
        => Assert.NotNull(IpCountryTable.Parse("192.0.2.0/24,NO", "t").Lookup(IPAddress.Parse("192.0.2.77")));
}
