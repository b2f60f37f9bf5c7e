using Harness.Platform.Contracts;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Runs;

/// <summary>Decides what a run targets: URL-only when every scenario names a URL and no target file is given, else the target file.</summary>
internal static class TargetResolver
{
    public static Func<CancellationToken, Task<IRunTarget>>? Resolve(
        string? targetFile, IReadOnlyList<ScenarioDefinition> scenarios, string? scenariosDirectory, List<Diagnostic> diagnostics,
        Action<TargetDefinition>? parsed = null)
    {
        var needsGateway = scenarios.Any(s => s.Url is null && !ScenarioKinds.IsNode(s.Kind));
        if (targetFile is null && !needsGateway)
        {
            return _ => Task.FromResult<IRunTarget>(new UrlOnlyTarget());
        }

        var file = targetFile ?? (scenariosDirectory is null ? null : Path.Combine(scenariosDirectory, "targets", "local.yml"));
        if (file is null || !File.Exists(file))
        {
            diagnostics.Add(new Diagnostic(file ?? "--target", 0, 0, "", "target file not found; pass --target FILE"));
            return null;
        }

        var result = TargetFileParser.ParseFile(file);
        diagnostics.AddRange(result.Diagnostics);
        if (result.Target is { } definition)
        {
            parsed?.Invoke(definition);
            return ct => TargetFactory.StartAsync(definition, null, ct);
        }

        return null;
    }
}
