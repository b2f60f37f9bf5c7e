using System.Text;
using Harness.Compliance.Collectors;
using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Policy;
using Harness.Platform.Contracts;

namespace Harness.Core.Tests.Compliance;

/// <summary>Paths to this project's own fixtures and shipped files, and small builders for evidence.</summary>
internal static class ComplianceFixtures
{
    public static string Fixture(params string[] parts)
        => Path.Combine([AppContext.BaseDirectory, "Compliance", "Fixtures", .. parts]);

    /// <summary>A file shipped in the repository (scenarios/...), found by walking up from the test binaries.</summary>
    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "src")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    public static JurisdictionResolver Resolver(IpCountryTable? table = null)
        => new(JurisdictionCatalog.Default, table ?? IpCountryTable.Empty);

    public static ResidencyPolicy Policy(string yaml)
        => PolicyLoader.Parse(Encoding.UTF8.GetBytes(yaml), "test-policy.yml", JurisdictionCatalog.Default);

    public static ResidencyPolicy Norway() => Policy("""
        name: norway-test
        fail_at: medium
        jurisdictions: {allowed: [NO]}
        registries: {allowed: [registry.example.no]}
        domains: {allowed: [example.no], denied: [amazonaws.com]}
        operators: {denied: [aws, docker, github, google, microsoft, cloudflare, redhat]}
        node_regions: {allowed: [no-oslo-1]}
        """);

    public static FunctionFacts Function(
        string image = "registry.example.no/fn:1",
        string? memory = "128Mi",
        bool readOnly = true,
        string? execTimeout = "10s",
        IReadOnlyDictionary<string, string>? annotations = null,
        IReadOnlyDictionary<string, string>? env = null,
        string name = "fn")
    {
        var envVars = new Dictionary<string, string>(env ?? new Dictionary<string, string>());
        if (execTimeout is not null)
        {
            envVars["exec_timeout"] = execTimeout;
        }

        var deployment = new FunctionDeployment
        {
            Service = name,
            Image = image,
            EnvVars = envVars,
            Annotations = annotations,
            Limits = memory is null ? null : new FunctionResources { Memory = memory },
            ReadOnlyRootFilesystem = readOnly,
        };
        return FunctionFactsBuilder.Build(name, deployment, "stack.yml:6:3", "stack", Resolver()).Function;
    }

    public static EvidenceBundle With(params FunctionFacts[] functions) => new() { Functions = functions };
}
