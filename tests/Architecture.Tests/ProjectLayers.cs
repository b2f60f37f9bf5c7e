namespace Harness.Architecture.Tests;

/// <summary>
/// Which of the repository's assemblies may reference which (docs/contributing/architecture.md): the CLI on top, the
/// benchmarks under it, the core services under them, the engine, platform, results and reports at the bottom.
/// </summary>
internal static class ProjectLayers
{
    /// <summary>Every src/ assembly and the src/ assemblies it may reference; a reference not listed is a violation.</summary>
    public static IReadOnlyDictionary<string, string[]> Allowed { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["harness"] = ["Harness.Bench", "Harness.Core", "Harness.Load", "Harness.Platform", "Harness.Platform.Kubernetes", "Harness.Results", "Harness.Reports"],
        ["Harness.Bench"] = ["Harness.Core", "Harness.Load", "Harness.Platform", "Harness.Results"],
        ["Harness.Core"] = ["Harness.Load", "Harness.Platform", "Harness.Platform.Kubernetes", "Harness.Results", "Harness.Reports"],
        ["Harness.Load"] = ["Harness.Results"],
        ["Harness.Reports"] = ["Harness.Results"],
        ["Harness.Results"] = [],
        ["Harness.Platform.Kubernetes"] = ["Harness.Platform"],
        ["Harness.Platform"] = [],
        ["watchdog"] = [],
        ["sandbox-monitor"] = [],
    };

    /// <summary>One line per reference from one of these assemblies to another that its layer does not allow.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlyCollection<string>> references) =>
        references
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .SelectMany(a => a.Value
                .Where(to => Allowed.ContainsKey(to) && to != a.Key && !(Allowed.TryGetValue(a.Key, out var allowed) && allowed.Contains(to)))
                .Order(StringComparer.Ordinal)
                .Select(to => $"{a.Key} -> {to}"))
            .ToList();
}
