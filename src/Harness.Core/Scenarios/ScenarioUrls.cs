using Harness.Targets;

namespace Harness.Scenarios;

/// <summary>Where a scenario's requests go: its plain URL, or its function under the target's gateway.</summary>
internal static class ScenarioUrls
{
    public static Uri Resolve(ScenarioDefinition scenario, IRunTarget target)
    {
        if (scenario.Url is { } url)
        {
            return url;
        }

        if (scenario.Function is null)
        {
            throw new ScenarioRunException($"{scenario.File}: the scenario names neither target.url nor target.function");
        }

        if (target.Gateway is null)
        {
            throw new ScenarioRunException($"{scenario.File}: target.function '{scenario.Function}' needs a gateway; pass --target");
        }

        return FunctionUrl(target.Gateway, scenario.Function, scenario.FunctionPath);
    }

    public static Uri FunctionUrl(Uri gateway, string function, string? path = null)
        => new(gateway.AbsoluteUri.TrimEnd('/') + "/function/" + function + (string.IsNullOrEmpty(path) ? "" : "/" + path.TrimStart('/')));

    public static Uri Under(Uri baseUrl, string? path)
        => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + (path ?? "").TrimStart('/'));
}
