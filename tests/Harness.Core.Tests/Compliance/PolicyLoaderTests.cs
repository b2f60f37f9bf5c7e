using System.Security.Cryptography;
using Harness.Compliance;
using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Policy;

namespace Harness.Core.Tests.Compliance;

public sealed class PolicyLoaderTests
{
    [Fact]
    public async Task The_shipped_norway_policy_loads_with_its_file_hash()
    {
        var path = ComplianceFixtures.RepoFile("scenarios/policies/norway.yml");

        var policy = await PolicyLoader.LoadAsync(path, JurisdictionCatalog.Default, CancellationToken.None);

        Assert.Equal("norway", policy.Name);
        Assert.Equal(["NO"], policy.AllowedJurisdictions);
        Assert.Contains("registry.example.no", policy.AllowedRegistries);
        Assert.Contains("docker", policy.DeniedOperators);
        Assert.Equal(Severity.Medium, policy.FailAt);
        Assert.True(policy.Require.MemoryLimit && policy.Require.IngressTls && policy.Require.SystemAuth);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), policy.Hash);
    }

    [Fact]
    public async Task The_shipped_eea_policy_is_eu27_plus_iceland_liechtenstein_and_norway()
    {
        var policy = await PolicyLoader.LoadAsync(ComplianceFixtures.RepoFile("scenarios/policies/eea.yml"), JurisdictionCatalog.Default, CancellationToken.None);

        Assert.Equal(30, policy.AllowedJurisdictions.Count);
        Assert.Equal(CountryCodes.Eea.Order(), policy.AllowedJurisdictions.Order());
        Assert.DoesNotContain("CH", policy.AllowedJurisdictions);
        Assert.DoesNotContain("GB", policy.AllowedJurisdictions);
    }

    [Fact]
    public void Eurostat_EL_is_accepted_for_Greece()
    {
        var policy = ComplianceFixtures.Policy("name: p\njurisdictions: {allowed: [EL, no]}\n");

        Assert.Equal(["GR", "NO"], policy.AllowedJurisdictions.Order());
    }

    [Fact]
    public async Task A_bad_policy_reports_every_error_with_line_column_and_field()
    {
        var path = ComplianceFixtures.Fixture("policies", "bad.yml");

        var ex = await Assert.ThrowsAsync<PolicyLoadException>(() => PolicyLoader.LoadAsync(path, JurisdictionCatalog.Default, CancellationToken.None));

        var messages = ex.Diagnostics.Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith($"{path}:1:7: name:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:2:10: fail_at: \"severe\" is not a severity", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:4:17: jurisdictions.allowed[1]: \"NOR\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:6:13: registries.allowed[0]:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:8:20: operators.denied[1]: unknown operator \"acme\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:10:17: require.memory_limit: \"maybe\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:11:3: require.tls: unknown key", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith($"{path}:12:1: colour: unknown key", StringComparison.Ordinal));
        Assert.Equal(8, messages.Count);
    }

    [Fact]
    public void Broken_yaml_is_reported_at_its_position()
    {
        var ex = Assert.Throws<PolicyLoadException>(() => ComplianceFixtures.Policy("name: p\njurisdictions:\n  allowed: [NO\n"));

        var error = Assert.Single(ex.Diagnostics);
        Assert.Equal("(yaml)", error.Field);
        Assert.True(error.Line >= 3, error.ToString());
    }

    [Fact]
    public void Missing_jurisdictions_are_an_error()
    {
        var ex = Assert.Throws<PolicyLoadException>(() => ComplianceFixtures.Policy("name: p\n"));

        Assert.Contains(ex.Diagnostics, e => e.Field == "jurisdictions.allowed");
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_at_its_line()
    {
        var ex = Assert.Throws<PolicyLoadException>(() => ComplianceFixtures.Policy("name: p\njurisdictions:\n  allowed: [NO]\n---\nrequire: {non_root: true}\n"));

        var error = Assert.Single(ex.Diagnostics);
        Assert.Equal(5, error.Line);
        Assert.Contains("one YAML document", error.Message, StringComparison.Ordinal);
    }
}
