namespace Harness.Architecture.Tests;

/// <summary>
/// The layering the code promises (CLI → services → core, no namespace cycles) checked on the built assemblies, so a
/// new cycle or a library type calling a command fails the build's tests with the path that closes it.
/// </summary>
public sealed class LayerTests
{
    /// <summary>Every assembly under src/, as copied beside this test assembly by the project references.</summary>
    public static TheoryData<string> Assemblies() => new(Files);

    private static readonly string[] Files =
    [
        "harness.dll",
        "Harness.Bench.dll",
        "Harness.Core.dll",
        "Harness.Load.dll",
        "Harness.Platform.dll",
        "Harness.Platform.Kubernetes.dll",
        "Harness.Reports.dll",
        "Harness.Results.dll",
        "watchdog.dll",
        "sandbox-monitor.dll",
    ];

    [Fact]
    public void Assemblies_reference_only_the_layers_below_them()
    {
        var references = Files
            .Select(file => AssemblyReferences.Read(Path.Combine(AppContext.BaseDirectory, file)))
            .ToDictionary(a => a.Name, a => a.References, StringComparer.Ordinal);

        Assert.Equal(ProjectLayers.Allowed.Keys.Order(StringComparer.Ordinal), references.Keys.Order(StringComparer.Ordinal));
        var violations = ProjectLayers.Violations(references);
        Assert.True(violations.Count == 0, $"references the layering does not allow (docs/contributing/architecture.md):\n{string.Join('\n', violations)}");
    }

    [Fact]
    public void Every_src_project_has_a_layer()
    {
        var names = Directory.GetFiles(Path.Combine(RepoRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => System.Xml.Linq.XDocument.Load(p).Descendants("AssemblyName").Single().Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(ProjectLayers.Allowed.Keys.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void The_layer_check_sees_an_upward_reference()
    {
        var violations = ProjectLayers.Violations(new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Harness.Core"] = ["harness", "Harness.Bench", "Harness.Results", "System.Runtime"],
            ["Harness.Bench"] = ["Harness.Core"],
        });

        Assert.Equal(["Harness.Core -> Harness.Bench", "Harness.Core -> harness"], violations);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_namespace_depends_on_itself_through_others(string assembly)
    {
        var graph = NamespaceGraph.Read(Path.Combine(AppContext.BaseDirectory, assembly));
        var cycles = Cycles.Find(graph, ns => ns.StartsWith("Harness", StringComparison.Ordinal));
        Assert.True(cycles.Count == 0, string.Join("\n\n", cycles));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Only_the_cli_uses_the_cli(string assembly)
    {
        var graph = NamespaceGraph.Read(Path.Combine(AppContext.BaseDirectory, assembly));
        var inward = graph.Edges
            .Where(e => !IsCli(e.Key))
            .SelectMany(e => e.Value.Where(to => IsCli(to.Key)).SelectMany(to => to.Value.Select(use => $"  {e.Key} -> {to.Key}   ({use})")))
            .ToList();
        Assert.True(inward.Count == 0, $"{assembly}: library code uses the CLI:\n{string.Join('\n', inward)}");
    }

    [Fact]
    public void The_check_sees_a_cycle_and_an_inward_reference()
    {
        // This assembly closes a cycle on purpose (Fixture.Cycle.A ↔ Fixture.Cycle.B): the check must be able to fail.
        var graph = NamespaceGraph.Read(typeof(LayerTests).Assembly.Location);
        var cycles = Cycles.Find(graph, ns => ns.StartsWith("Harness.Architecture.Tests.Fixture", StringComparison.Ordinal));
        var cycle = Assert.Single(cycles);
        Assert.Contains("Fixture.Cycle.A -> Harness.Architecture.Tests.Fixture.Cycle.B", cycle, StringComparison.Ordinal);
        Assert.Contains("(Upper uses Harness.Architecture.Tests.Fixture.Cycle.B.Lower)", cycle, StringComparison.Ordinal);
        Assert.Contains("Lower uses Harness.Architecture.Tests.Fixture.Cycle.A.Upper", graph.Edges["Harness.Architecture.Tests.Fixture.Cycle.B"]["Harness.Architecture.Tests.Fixture.Cycle.A"]);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }

    private static bool IsCli(string ns) => ns == "Harness.Cli" || ns.StartsWith("Harness.Cli.", StringComparison.Ordinal);
}
