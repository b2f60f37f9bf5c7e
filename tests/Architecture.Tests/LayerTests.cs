namespace Harness.Architecture.Tests;

/// <summary>
/// The layering the code promises (CLI → services → core, no namespace cycles) checked on the built assemblies, so a
/// new cycle or a library type calling a command fails the build's tests with the path that closes it.
/// </summary>
public sealed class LayerTests
{
    /// <summary>Every assembly under src/, as copied beside this test assembly by the project references.</summary>
    public static TheoryData<string> Assemblies() =>
    [
        "harness.dll",
        "Harness.Load.dll",
        "Harness.Platform.dll",
        "Harness.Platform.Kubernetes.dll",
        "Harness.Reports.dll",
        "Harness.Results.dll",
        "watchdog.dll",
    ];

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

    private static bool IsCli(string ns) => ns == "Harness.Cli" || ns.StartsWith("Harness.Cli.", StringComparison.Ordinal);
}
